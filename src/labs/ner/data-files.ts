/** The lab's data under `public/data/ner/`: the evaluation sets and the gazetteer, fetched once. */
import { Gazetteer, readGazetteer } from './baseline/gazetteer';
import { parseIob, type IobSentence } from './eval/iob';
import { NerError } from './ner-error';

export type EvalSetId = 'ncbi-disease' | 'bc5cdr';

export interface EvalSetSpec {
  id: EvalSetId;
  file: string;
  /** Types the corpus annotates, and so the types scored (NCBI-disease: diseases only). */
  types: string[];
}

export const EVAL_SETS: readonly EvalSetSpec[] = [
  { id: 'ncbi-disease', file: 'ncbi-disease-test.iob.txt', types: ['Disease'] },
  { id: 'bc5cdr', file: 'bc5cdr-test.iob.txt', types: ['Chemical', 'Disease'] },
];

const DATA_BASE = `${import.meta.env.BASE_URL}data/ner/`;

async function fetchText(file: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(DATA_BASE + file);
  } catch (e) {
    throw new NerError('data-failed', { file, detail: e instanceof Error ? e.message : String(e) });
  }
  if (!res.ok) throw new NerError('data-failed', { file, detail: `HTTP ${res.status}` });
  return res.text();
}

const sets = new Map<EvalSetId, Promise<IobSentence[]>>();
let gazetteer: Promise<Gazetteer> | null = null;

function remember<T>(p: Promise<T>, forget: () => void): Promise<T> {
  p.catch(forget);
  return p;
}

export function loadEvalSet(id: EvalSetId): Promise<IobSentence[]> {
  const spec = EVAL_SETS.find((s) => s.id === id);
  if (!spec) return Promise.reject(new RangeError(`unknown evaluation set ${id}`));
  let p = sets.get(id);
  if (!p) {
    p = remember(fetchText(spec.file).then(parseIob), () => sets.delete(id));
    sets.set(id, p);
  }
  return p;
}

export function loadGazetteer(): Promise<Gazetteer> {
  gazetteer ??= remember(
    fetchText('gazetteer.json').then((t) => new Gazetteer(readGazetteer(JSON.parse(t)))),
    () => (gazetteer = null),
  );
  return gazetteer;
}
