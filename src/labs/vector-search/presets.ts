/**
 * Example queries per demo collection. The `crossLingual` ones are Chinese queries against English
 * text: only the bilingual embedder can match them (BM25 shares no terms with the documents).
 */
export interface QueryPreset {
  id: string;
  text: string;
  crossLingual: boolean;
}

export const QUERY_PRESETS: Record<string, QueryPreset[]> = {
  medquad: [
    { id: 'diabetes-en', text: 'What are the symptoms of diabetes?', crossLingual: false },
    { id: 'diabetes-zh', text: '糖尿病有哪些症状？', crossLingual: true },
    { id: 'asthma-zh', text: '哮喘怎么治疗？', crossLingual: true },
    { id: 'glaucoma', text: 'Who is at risk for glaucoma?', crossLingual: false },
  ],
  scifact: [
    { id: 'vitamin-d', text: 'Vitamin D deficiency is associated with a higher risk of disease.', crossLingual: false },
    { id: 'smoking-zh', text: '吸烟会增加患肺癌的风险。', crossLingual: true },
  ],
  wordnet: [
    { id: 'water', text: 'a large body of salt water', crossLingual: false },
    { id: 'dog-zh', text: '一种常见的家养宠物，会叫', crossLingual: true },
  ],
  tatoeba: [
    { id: 'weather-zh', text: '今天天气很好。', crossLingual: true },
    { id: 'book-zh', text: '我在读一本书。', crossLingual: true },
  ],
};

export function presetsFor(origin: { kind: string; set?: string } | undefined): QueryPreset[] {
  return origin?.kind === 'demo' && origin.set ? (QUERY_PRESETS[origin.set] ?? []) : [];
}
