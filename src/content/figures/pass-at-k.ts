/**
 * pass@k, the metric of HumanEval (Chen et al., 2021, "Evaluating Large Language Models Trained on
 * Code"): the chance that at least one of k programs, drawn without replacement from n generated
 * samples of which c pass the unit tests, is correct.
 *
 *   pass@k = 1 − C(n − c, k) / C(n, k)
 *
 * computed, as in the paper, as a running product to avoid huge binomial coefficients.
 *
 * @example
 * passAtK(10, 3, 1) // 0.3
 * passAtK(10, 3, 5) // 1 − 21/252 ≈ 0.9167
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid n: ${n} (expected a positive integer)`);
  if (!Number.isInteger(c) || c < 0 || c > n) throw new RangeError(`invalid c: ${c} (expected 0 ≤ c ≤ n = ${n})`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`invalid k: ${k} (expected 1 ≤ k ≤ n = ${n})`);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}
