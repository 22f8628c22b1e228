/**
 * A token-classification model's labels (`config.id2label`) read as a tagging scheme: BIO labels
 * (`O`, `B-Disease`, `I-Disease` …) give entity types; anything else is shown as plain token labels.
 */

export interface Tag {
  /** `B` or `I` for BIO labels; every other label counts as `I` of its own name, as in Hugging Face. */
  prefix: 'B' | 'I';
  type: string;
}

export interface LabelScheme {
  /** Label by id. */
  labels: readonly string[];
  /** Every label is `O`, `B-<type>` or `I-<type>`, and there is at least one entity type. */
  bio: boolean;
  /** Entity types (BIO) or the labels themselves (not BIO), in id order, `O` left out. */
  types: readonly string[];
  /** Id of `O`, or null. */
  outsideId: number | null;
}

const BIO = /^([BI])-(.+)$/;

/** The B/I prefix and type of a label (`O` → `{ prefix: 'I', type: 'O' }`, as Hugging Face's `get_tag`). */
export function parseTag(label: string): Tag {
  const m = BIO.exec(label);
  return m ? { prefix: m[1] as 'B' | 'I', type: m[2]! } : { prefix: 'I', type: label };
}

/** Reads `id2label` (keys 0..n-1, as numbers or strings). */
export function labelScheme(id2label: Readonly<Record<string | number, string>>): LabelScheme {
  const entries = Object.entries(id2label);
  if (entries.length === 0) throw new RangeError('id2label is empty');
  const labels: string[] = [];
  for (const [key, label] of entries) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || typeof label !== 'string') {
      throw new RangeError(`id2label must map ids 0..${entries.length - 1} to names, got ${JSON.stringify(key)}`);
    }
    labels[id] = label;
  }
  const outsideId = labels.indexOf('O');
  const isBioLabel = (l: string) => l === 'O' || BIO.test(l);
  const bio = labels.every(isBioLabel) && labels.some((l) => l !== 'O');
  const types: string[] = [];
  for (const l of labels) {
    if (l === 'O') continue;
    const type = bio ? parseTag(l).type : l;
    if (!types.includes(type)) types.push(type);
  }
  return { labels, bio, types, outsideId: outsideId === -1 ? null : outsideId };
}
