/**
 * BIO-consistent decoding: of all label sequences in which every `I-X` follows a `B-X` or an `I-X`,
 * the one with the highest summed log-probability (Viterbi over the rows). Per-word argmax can give
 * `O I-Disease` or `B-Chemical I-Disease`; this never does. The model factory evaluates its cards
 * this way (`ner.py`, `bio_viterbi`), so the lab's evaluation reproduces them.
 */
import { parseTag, type LabelScheme } from './label-scheme';

/**
 * `allowed[prev * width + cur]` (prev = width is the start of the sentence): whether a BIO sequence
 * may go from label `prev` to label `cur`. Only an `I-` label is ever refused.
 */
export function bioTransitions(scheme: LabelScheme): Uint8Array {
  const width = scheme.labels.length;
  const allowed = new Uint8Array((width + 1) * width).fill(1);
  if (!scheme.bio) return allowed;
  scheme.labels.forEach((label, cur) => {
    if (label === 'O' || parseTag(label).prefix !== 'I') return;
    const type = parseTag(label).type;
    for (let prev = 0; prev <= width; prev++) {
      const p = prev < width ? scheme.labels[prev]! : 'O';
      if (p === 'O' || parseTag(p).type !== type) allowed[prev * width + cur] = 0;
    }
  });
  return allowed;
}

/**
 * Label ids of the best allowed path through `rows` (indices into a row-major `n × width` matrix of
 * log-probabilities `logp`). Ties go to the lower label id, as argmax does.
 * @example bioViterbi(Float32Array.from([0.5, 0.3, 0.1, 0.55].map(Math.log)), 2, scheme, [0, 1]) // O,I → B,I
 */
export function bioViterbi(logp: Float32Array, width: number, scheme: LabelScheme, rows: readonly number[]): number[] {
  if (scheme.labels.length !== width) throw new RangeError(`scheme has ${scheme.labels.length} labels, rows have ${width}`);
  const n = rows.length;
  if (n === 0) return [];
  const allowed = bioTransitions(scheme);
  let score = new Float64Array(width);
  let next = new Float64Array(width);
  const back = new Int32Array(n * width);
  for (let c = 0; c < width; c++) score[c] = allowed[width * width + c] ? logp[rows[0]! * width + c]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const base = rows[i]! * width;
    for (let c = 0; c < width; c++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < width; p++) {
        if (!allowed[p * width + c]) continue;
        if (score[p]! > best) [best, arg] = [score[p]!, p];
      }
      next[c] = best + logp[base + c]!;
      back[i * width + c] = arg;
    }
    [score, next] = [next, score];
  }
  let k = 0;
  for (let c = 1; c < width; c++) if (score[c]! > score[k]!) k = c;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = k;
    k = back[i * width + k]!;
  }
  return path;
}
