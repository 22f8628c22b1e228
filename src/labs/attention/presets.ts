export type PresetId = 'coreference' | 'chinese' | 'medical' | 'pair' | 'mask';
export const PRESET_IDS: readonly PresetId[] = ['coreference', 'chinese', 'medical', 'pair', 'mask'];

export interface Preset {
  text: string;
  textPair: string;
  /** For `mask`: the word whose token the mask panel starts on. */
  maskWord?: string;
}

/** Example inputs: deliberately in their own language, whatever the UI language. */
export const PRESETS: Record<PresetId, Preset> = {
  coreference: { text: "The animal didn't cross the street because it was too tired.", textPair: '' },
  chinese: { text: '小猫没有过马路，因为它太累了。', textPair: '' },
  medical: { text: 'Aspirin lowers the risk of heart attack in patients with coronary artery disease.', textPair: '' },
  pair: { text: 'Where did the cat sleep last night?', textPair: 'It slept on the warm mat by the door.' },
  mask: { text: 'The capital of France is Paris, a city on the Seine.', textPair: '', maskWord: 'paris' },
};

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as readonly string[]).includes(value);
}
