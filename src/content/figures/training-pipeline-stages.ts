/**
 * The four steps drawn by the `training-pipeline` figure. Data sizes are those published for
 * GPT-3 / Llama 3 (pretraining) and InstructGPT (Ouyang et al., 2022: SFT, reward model, PPO).
 */
import { penalisedReward } from './preference-loss';

interface Text {
  zh: string;
  en: string;
}

export interface PipelineStage {
  id: 'pretrain' | 'sft' | 'rm' | 'ppo';
  name: Text;
  /** Card title and the one-line data size under it. */
  short: Text;
  size: Text;
  data: Text;
  objective: Text;
  example: Text;
  produces: Text;
}

/** The PPO example: reward 1.5, the policy made the answer e² times likelier than the SFT model, β = 0.1. */
export const PPO_EXAMPLE = { reward: 1.5, logProbPolicy: -10, logProbReference: -12, beta: 0.1 } as const;
const ppoTotal = penalisedReward(PPO_EXAMPLE.reward, PPO_EXAMPLE.logProbPolicy, PPO_EXAMPLE.logProbReference, PPO_EXAMPLE.beta);

export const STAGES: readonly PipelineStage[] = [
  {
    id: 'pretrain',
    name: { zh: '① 预训练', en: '① Pretraining' },
    short: { zh: '① 预训练', en: '① Pretraining' },
    size: { zh: '万亿级 token', en: 'trillions of tokens' },
    data: { zh: '数千亿至数万亿 token 的无标注文本（GPT-3：3000 亿；Llama 3：超过 15 万亿）', en: 'Hundreds of billions to trillions of unlabelled tokens (GPT-3: 300B; Llama 3: over 15T)' },
    objective: { zh: '预测下一个 token，最小化交叉熵', en: 'Predict the next token; minimise cross-entropy' },
    example: { zh: '“床前明月光，疑是地上” → 预测下一个 token“霜”', en: '"The Eiffel Tower, completed in 1889, stands on the Champ de …" → predict "Mars"' },
    produces: { zh: '基座模型：会续写，但不会听指令', en: 'Base model: continues text, does not follow instructions' },
  },
  {
    id: 'sft',
    name: { zh: '② 监督微调（SFT）', en: '② Supervised fine-tuning (SFT)' },
    short: { zh: '② 监督微调', en: '② SFT' },
    size: { zh: '约 1.3 万条示范', en: '~13k demonstrations' },
    data: { zh: '数千至数十万条“指令—回答”（InstructGPT：约 1.3 万条提示，由标注员撰写回答）', en: 'Thousands to hundreds of thousands of instruction–response pairs (InstructGPT: ~13k prompts with labeller-written answers)' },
    objective: { zh: '同样是预测下一个 token，但只在回答部分计算损失', en: 'Next-token prediction again, with the loss on the response tokens only' },
    example: { zh: '用户：用十岁孩子能懂的话解释光合作用。→ 助手：植物就像一个小厨房……', en: 'User: Explain photosynthesis to a ten-year-old. → Assistant: A plant is like a tiny kitchen…' },
    produces: { zh: 'SFT 模型：会按指令、按对话格式作答', en: 'SFT model: answers instructions in a chat format' },
  },
  {
    id: 'rm',
    name: { zh: '③ 奖励模型', en: '③ Reward model' },
    short: { zh: '③ 奖励模型', en: '③ Reward model' },
    size: { zh: '约 3.3 万条排序', en: '~33k rankings' },
    data: { zh: '人类偏好排序（InstructGPT：约 3.3 万条提示，每条对 4–9 个回答排序）', en: 'Human preference rankings (InstructGPT: ~33k prompts, 4–9 answers ranked per prompt)' },
    objective: { zh: '让更受偏好的回答得分更高：−log σ(r_w − r_l)', en: 'Score preferred answers higher: −log σ(r_w − r_l)' },
    example: { zh: '同一问题的回答 A（准确、简洁）和回答 B（啰嗦、有错）→ 标注员选 A', en: 'Answers A (accurate, concise) and B (rambling, one error) to one prompt → the labeller picks A' },
    produces: { zh: '奖励模型：给任意“提示 + 回答”打一个分', en: 'Reward model: gives any prompt + answer a score' },
  },
  {
    id: 'ppo',
    name: { zh: '④ 强化学习（PPO）', en: '④ Reinforcement learning (PPO)' },
    short: { zh: '④ 强化学习', en: '④ RL (PPO)' },
    size: { zh: '约 3.1 万条提示', en: '~31k prompts' },
    data: { zh: '只需提示，不需要人写回答（InstructGPT：约 3.1 万条）', en: 'Prompts only, no human answers (InstructGPT: ~31k)' },
    objective: { zh: '最大化奖励分数，减去与 SFT 模型的 KL 距离惩罚', en: 'Maximise the reward score minus a KL penalty to the SFT model' },
    example: {
      zh: `模型生成回答 → 奖励模型打分 ${PPO_EXAMPLE.reward}；策略给这个回答的概率是 SFT 模型的 e² 倍，β = ${PPO_EXAMPLE.beta}，实得 ${PPO_EXAMPLE.reward} − ${PPO_EXAMPLE.beta} × 2 = ${ppoTotal}`,
      en: `The model answers → the reward model scores ${PPO_EXAMPLE.reward}; the policy made this answer e² times likelier than the SFT model did, β = ${PPO_EXAMPLE.beta}, so it earns ${PPO_EXAMPLE.reward} − ${PPO_EXAMPLE.beta} × 2 = ${ppoTotal}`,
    },
    produces: { zh: '对齐后的助手模型（如 InstructGPT、ChatGPT）', en: 'Aligned assistant (e.g. InstructGPT, ChatGPT)' },
  },
];
