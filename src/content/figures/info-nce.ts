/**
 * CLIP-style contrastive maths (Radford et al., 2021): a batch of N image embeddings and N text
 * embeddings, where image i belongs with text i. The model is trained so that the N×N
 * similarity matrix is large on the diagonal and small elsewhere.
 *
 * @example
 * const sim = cosineMatrix(images, texts);
 * symmetricInfoNce(sim, 0.07); // mean of the image→text and text→image cross-entropies
 */

function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

function checkTemperature(temperature: number): void {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`invalid temperature: ${temperature} (expected > 0)`);
  }
}

function checkSquare(sim: readonly (readonly number[])[]): void {
  if (sim.length === 0 || sim.some((row) => row.length !== sim.length)) {
    throw new RangeError('similarity matrix must be square and non-empty');
  }
}

/** Cosine similarity of every row of `a` with every row of `b`: result[i][j] = cos(a_i, b_j). */
export function cosineMatrix(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  const dim = a[0]?.length ?? 0;
  if (dim === 0 || [...a, ...b].some((v) => v.length !== dim)) {
    throw new RangeError('all vectors must be non-empty and of the same length');
  }
  return a.map((u) => {
    const nu = norm(u);
    return b.map((v) => {
      const nv = norm(v);
      if (nu === 0 || nv === 0) throw new RangeError('cosine similarity of a zero vector');
      return u.reduce((s, x, k) => s + x * (v[k] ?? 0), 0) / (nu * nv);
    });
  });
}

/** Softmax of each row of `logits / temperature` (numerically stable). */
export function softmaxRows(sim: readonly (readonly number[])[], temperature: number): number[][] {
  checkTemperature(temperature);
  return sim.map((row) => {
    const scaled = row.map((x) => x / temperature);
    const max = Math.max(...scaled);
    const exps = scaled.map((x) => Math.exp(x - max));
    const total = exps.reduce((s, x) => s + x, 0);
    return exps.map((x) => x / total);
  });
}

function transpose(m: readonly (readonly number[])[]): number[][] {
  return m.map((_, j) => m.map((row) => row[j] ?? Number.NaN));
}

/** Mean over i of −log softmax(row i)[i]: the InfoNCE loss in one direction. */
export function infoNce(sim: readonly (readonly number[])[], temperature: number): number {
  checkSquare(sim);
  const p = softmaxRows(sim, temperature);
  return -p.reduce((s, row, i) => s + Math.log(row[i] ?? Number.NaN), 0) / p.length;
}

/** CLIP's loss: the average of image→text (rows) and text→image (columns) InfoNCE. */
export function symmetricInfoNce(sim: readonly (readonly number[])[], temperature: number): number {
  checkSquare(sim);
  return (infoNce(sim, temperature) + infoNce(transpose(sim), temperature)) / 2;
}
