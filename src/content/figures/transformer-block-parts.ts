/**
 * The parts drawn by the `transformer-block` figure, with what each does and how many
 * parameters it holds, for an encoder-only (BERT-base) or decoder-only (GPT-2 small) model.
 */
import { PRESETS, modelParams, type ModelParams, type TransformerConfig } from './transformer-params';

export type Mode = 'encoder' | 'decoder';
export type PartId = 'input' | 'embed' | 'attn' | 'norm1' | 'ffn' | 'norm2' | 'stack' | 'head';

interface Text {
  zh: string;
  en: string;
}

export interface Part {
  id: PartId;
  label: (mode: Mode) => Text;
  explain: (mode: Mode) => Text;
  /** Parameters in this part for the whole model (all layers), or null when it has none. */
  params: (p: ModelParams, c: TransformerConfig) => number | null;
}

export const CONFIG: Record<Mode, TransformerConfig> = { encoder: PRESETS.bertBase, decoder: PRESETS.gpt2Small };

export const PARTS: readonly Part[] = [
  {
    id: 'input',
    label: (m) => (m === 'encoder' ? { zh: '输入：[CLS] the cat sat [SEP]', en: 'Input: [CLS] the cat sat [SEP]' } : { zh: '输入：the cat sat', en: 'Input: the cat sat' }),
    explain: (m) => ({
      zh: `分词器把文本切成 token 并转成 id。${m === 'encoder' ? 'BERT 在开头加 [CLS]、在句末加 [SEP]；这两个特殊 token 后来会吸走大量注意力。' : 'GPT 不加 [CLS]/[SEP]，序列就是要被续写的文本。'}`,
      en: `The tokenizer splits text into tokens and maps them to ids. ${m === 'encoder' ? 'BERT adds [CLS] at the start and [SEP] at the end; these special tokens will later soak up much of the attention.' : 'GPT adds no [CLS]/[SEP]; the sequence is simply the text to continue.'}`,
    }),
    params: () => null,
  },
  {
    id: 'embed',
    label: () => ({ zh: '词嵌入 + 位置嵌入', en: 'Token embedding + position embedding' }),
    explain: (m) => ({
      zh: `按 id 查表得到每个 token 的 768 维向量，再加上它所在位置的向量——没有这一步，自注意力分不清“狗咬人”和“人咬狗”。${m === 'encoder' ? 'BERT 还加一个句子 A/B 的段落向量。' : 'GPT-2 的输出层与这张词表共享权重。'}`,
      en: `Each token id selects a 768-dimensional row of a learned table, and the vector for its position is added — without this, self-attention could not tell "dog bites man" from "man bites dog". ${m === 'encoder' ? 'BERT also adds a segment vector for sentence A or B.' : 'GPT-2 reuses this table as its output layer.'}`,
    }),
    params: (p) => p.embeddings,
  },
  {
    id: 'attn',
    label: (m) => (m === 'encoder' ? { zh: '多头自注意力', en: 'Multi-head self-attention' } : { zh: '带掩码的多头自注意力', en: 'Masked multi-head self-attention' }),
    explain: (m) => ({
      zh: `每个 token 生成查询、键、值向量，按 softmax(QKᵀ/√d_k)V 汇集上下文；12 个头各用 64 维，各看各的关系。${m === 'encoder' ? '编码器是双向的：每个 token 能看到左右所有 token。' : '解码器加了因果掩码：每个 token 只能看到自己和前面的 token（右侧小方阵）。'}`,
      en: `Every token makes a query, key and value and gathers context by softmax(QKᵀ/√d_k)V; 12 heads of 64 dimensions each track their own relations. ${m === 'encoder' ? 'The encoder is bidirectional: every token sees all tokens on both sides.' : 'The decoder adds a causal mask: each token sees only itself and earlier tokens (the small grid on the right).'}`,
    }),
    params: (p, c) => p.block.attention * c.layers,
  },
  {
    id: 'norm1',
    label: () => ({ zh: '残差相加 & 层归一化', en: 'Add & Norm' }),
    explain: (m) => ({
      zh: `把注意力的输入直接加到输出上（残差连接），再做层归一化。残差让梯度能直达底层，几十层的网络才训练得动。${m === 'decoder' ? 'GPT-2 把归一化挪到了每个子层之前（Pre-LN），训练更稳定。' : ''}`,
      en: `The attention sublayer's input is added to its output (a residual connection), then layer-normalised. Residuals let gradients reach the lowest layers, so dozens of layers can train. ${m === 'decoder' ? 'GPT-2 moves the normalisation before each sublayer (pre-LN), which trains more stably.' : ''}`,
    }),
    params: (_p, c) => 2 * c.dModel * c.layers,
  },
  {
    id: 'ffn',
    label: () => ({ zh: '前馈网络 768 → 3072 → 768', en: 'Feed-forward 768 → 3072 → 768' }),
    explain: () => ({
      zh: '对每个 token 单独做“升维 → GELU → 降维”。注意力负责在 token 之间搬运信息，前馈网络负责加工每个 token 自己的向量；它约占每层参数的三分之二，被认为储存了大量知识。',
      en: 'Applied to each token separately: widen, GELU, narrow. Attention moves information between tokens; the feed-forward network processes each token\'s own vector. It holds about two-thirds of each layer\'s parameters and is thought to store much of the model\'s knowledge.',
    }),
    params: (p, c) => p.block.feedForward * c.layers,
  },
  {
    id: 'norm2',
    label: () => ({ zh: '残差相加 & 层归一化', en: 'Add & Norm' }),
    explain: () => ({
      zh: '同样的残差相加和归一化，包住前馈网络。每个块的输出形状与输入完全相同（每个 token 一个 768 维向量），所以块可以一层层叠上去。',
      en: 'The same residual add and normalisation, wrapped around the feed-forward network. A block\'s output has exactly the shape of its input (one 768-dimensional vector per token), which is why blocks can be stacked.',
    }),
    params: (_p, c) => 2 * c.dModel * c.layers,
  },
  {
    id: 'stack',
    label: (m) => ({ zh: `× ${CONFIG[m].layers} 层`, en: `× ${CONFIG[m].layers} layers` }),
    explain: (m) => ({
      zh: `同样结构的块堆叠 ${CONFIG[m].layers} 层，每层权重各不相同。低层多关注词形和相邻词，高层更多关注语义和长距离关系。`,
      en: `${CONFIG[m].layers} blocks of the same structure are stacked, each with its own weights. Lower layers tend to track word forms and neighbours, higher layers meaning and long-range relations.`,
    }),
    params: (p) => p.blocks,
  },
  {
    id: 'head',
    label: (m) => (m === 'encoder' ? { zh: '输出：每个 token 的向量（[CLS] 用于分类）', en: 'Output: a vector per token ([CLS] for classification)' } : { zh: '输出：线性层 + softmax → 下一个 token 的概率', en: 'Output: linear + softmax → next-token probabilities' }),
    explain: (m) => ({
      zh: m === 'encoder' ? '编码器输出每个 token 的上下文向量：实体识别给每个 token 分类，句子分类用 [CLS] 的向量（经过一个池化层）。' : '解码器把最后一个位置的向量乘以词表矩阵（就是输入端那张词嵌入表，几乎不增加参数），得到 50,257 个词的 logits，softmax 后采样出下一个 token，再接到输入末尾重复。',
      en: m === 'encoder' ? 'The encoder outputs a context vector per token: NER classifies every token, and sentence classification uses the [CLS] vector (through a pooler layer).' : 'The decoder multiplies the last position\'s vector by the vocabulary matrix (the input embedding table again, so it adds almost no parameters) to get logits for 50,257 tokens; a softmax and a sample give the next token, which is appended and the loop repeats.',
    }),
    params: (p) => p.head,
  },
];

export function partParams(part: Part, mode: Mode): number | null {
  const c = CONFIG[mode];
  return part.params(modelParams(c), c);
}
