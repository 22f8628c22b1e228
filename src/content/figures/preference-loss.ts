/**
 * The reward-model objective used in RLHF (Ouyang et al., 2022), a Bradley–Terry model of
 * pairwise preferences: the chance that a labeller prefers answer w over answer l is
 * σ(r_w − r_l), and the loss for one comparison is −log σ(r_w − r_l).
 *
 * @example
 * preferenceLoss(0) // { probability: 0.5, loss: 0.6931… } — the model cannot tell them apart
 */
export interface PreferenceLoss {
  /** σ(Δ): the modelled probability that the preferred answer wins. */
  probability: number;
  /** −log σ(Δ), in nats. */
  loss: number;
}

/** Logistic sigmoid, computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('invalid x: NaN');
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Loss for one comparison, given Δ = r(preferred) − r(rejected). */
export function preferenceLoss(delta: number): PreferenceLoss {
  if (!Number.isFinite(delta)) throw new RangeError(`invalid delta: ${delta}`);
  // −log σ(Δ) = log(1 + e^(−Δ)), written stably for both signs of Δ
  const loss = delta >= 0 ? Math.log1p(Math.exp(-delta)) : -delta + Math.log1p(Math.exp(delta));
  return { probability: sigmoid(delta), loss };
}

/**
 * The reward PPO maximises in RLHF for one sampled answer: the reward model's score minus a
 * KL penalty that keeps the policy close to the SFT model, β·(log π(y|x) − log π_SFT(y|x)).
 */
export function penalisedReward(reward: number, logProbPolicy: number, logProbReference: number, beta: number): number {
  for (const [name, v] of [['reward', reward], ['logProbPolicy', logProbPolicy], ['logProbReference', logProbReference]] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`invalid ${name}: ${v}`);
  }
  if (!Number.isFinite(beta) || beta < 0) throw new RangeError(`invalid beta: ${beta}`);
  return reward - beta * (logProbPolicy - logProbReference);
}
