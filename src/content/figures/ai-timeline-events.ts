/**
 * Events and eras drawn by the `ai-timeline` figure. Dates are decimal years
 * (year + (month − 1) / 12) so that events in one year keep their order.
 */
/** idea: a research result; system: a system, product or closed model; open: a model whose weights were published. */
export type EventKind = 'idea' | 'system' | 'open';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface TimelineEvent {
  date: number;
  kind: EventKind;
  label: Bilingual;
  note: Bilingual;
}

export interface TimelineSpan {
  from: number;
  to: number;
  label: Bilingual;
}

export const TIMELINE_START = 1950;
export const TIMELINE_END = 2025.5;

export const ERAS: readonly TimelineSpan[] = [
  { from: 1950, to: 1990, label: { zh: '符号主义', en: 'Symbolic AI' } },
  { from: 1990, to: 2012, label: { zh: '机器学习', en: 'Machine learning' } },
  { from: 2012, to: 2018, label: { zh: '深度学习', en: 'Deep learning' } },
  { from: 2018, to: TIMELINE_END, label: { zh: '大模型', en: 'Large models' } },
];

export const WINTERS: readonly TimelineSpan[] = [
  { from: 1974, to: 1980, label: { zh: 'AI 寒冬', en: 'AI winter' } },
  { from: 1987, to: 1993, label: { zh: 'AI 寒冬', en: 'AI winter' } },
];

const ev = (date: number, kind: EventKind, zh: string, en: string, noteZh: string, noteEn: string): TimelineEvent => ({
  date,
  kind,
  label: { zh, en },
  note: { zh: noteZh, en: noteEn },
});

export const EVENTS: readonly TimelineEvent[] = [
  ev(1950.75, 'idea', '图灵测试', 'Turing test',
    '1950 年，图灵发表《计算机器与智能》，提出“模仿游戏”。',
    '1950: Turing publishes "Computing Machinery and Intelligence" and proposes the imitation game.'),
  ev(1956.5, 'idea', '达特茅斯会议', 'Dartmouth',
    '1956 年夏，达特茅斯研讨会召开，“人工智能”一词由此流传。',
    'Summer 1956: the Dartmouth workshop; the name "artificial intelligence" sticks.'),
  ev(1958.5, 'idea', '感知机', 'Perceptron',
    '1958 年，Rosenblatt 提出感知机：能从样本中学习权重的单层神经网络。',
    '1958: Rosenblatt\'s perceptron, a one-layer neural network that learns its weights from examples.'),
  ev(1966, 'system', 'ELIZA', 'ELIZA',
    '1966 年，Weizenbaum 的 ELIZA 靠模式匹配模仿心理咨询师对话。',
    '1966: Weizenbaum\'s ELIZA imitates a psychotherapist with pattern matching.'),
  ev(1969.5, 'idea', '《感知机》', 'Perceptrons',
    '1969 年，Minsky 与 Papert 的《感知机》指出单层网络的局限，神经网络研究随之降温。',
    '1969: Minsky and Papert\'s book "Perceptrons" shows the limits of one-layer networks; neural-network research cools.'),
  ev(1975, 'system', 'MYCIN', 'MYCIN',
    '20 世纪 70 年代，斯坦福的专家系统 MYCIN 用几百条规则诊断血液感染。',
    '1970s: Stanford\'s expert system MYCIN diagnoses blood infections with a few hundred rules.'),
  ev(1986.75, 'idea', '反向传播', 'Backpropagation',
    '1986 年，Rumelhart、Hinton、Williams 在《自然》发文，推广了用反向传播训练多层网络。',
    '1986: Rumelhart, Hinton and Williams (Nature) popularise training multi-layer networks by backpropagation.'),
  ev(1997.33, 'system', '深蓝', 'Deep Blue',
    '1997 年，IBM 深蓝击败国际象棋世界冠军卡斯帕罗夫：靠的是搜索和手工调校的评估函数。',
    '1997: IBM\'s Deep Blue beats world chess champion Kasparov with search and a hand-tuned evaluation.'),
  ev(1997.83, 'idea', 'LSTM', 'LSTM',
    '1997 年，Hochreiter 与 Schmidhuber 提出 LSTM，让循环网络能记住更长的序列。',
    '1997: Hochreiter and Schmidhuber\'s LSTM lets recurrent networks remember longer sequences.'),
  ev(2006.5, 'idea', '深度信念网络', 'Deep belief nets',
    '2006 年，Hinton 等人用逐层预训练训练深层网络，“深度学习”重新受到关注。',
    '2006: Hinton et al. train deep networks with layer-wise pretraining; "deep learning" returns to attention.'),
  ev(2009.5, 'idea', 'ImageNet', 'ImageNet',
    '2009 年，ImageNet 数据集发布：数百万张按类别标注的图片。',
    '2009: the ImageNet data set — millions of images labelled by category — is published.'),
  ev(2012.75, 'idea', 'AlexNet', 'AlexNet',
    '2012 年，AlexNet 用两块 GPU 训练，ImageNet top-5 错误率 15.3%，第二名 26.2%。',
    '2012: AlexNet, trained on two GPUs, wins ImageNet with 15.3% top-5 error against 26.2%.'),
  ev(2013.05, 'idea', 'word2vec', 'word2vec',
    '2013 年，word2vec 把词表示成向量，语义相近的词在空间中彼此靠近。',
    '2013: word2vec turns words into vectors; words with similar meaning end up close together.'),
  ev(2014.5, 'idea', 'GAN', 'GAN',
    '2014 年，Goodfellow 等人提出生成对抗网络：生成器与判别器相互博弈。',
    '2014: Goodfellow et al. introduce generative adversarial networks: a generator and a discriminator compete.'),
  ev(2014.7, 'idea', 'Seq2seq + 注意力', 'Seq2seq + attention',
    '2014 年，序列到序列模型与 Bahdanau 注意力让神经机器翻译成为可能。',
    '2014: sequence-to-sequence models and Bahdanau attention make neural machine translation work.'),
  ev(2015.92, 'idea', 'ResNet', 'ResNet',
    '2015 年，残差网络用“跳连”训练上百层的网络，这一结构后来也用在了 Transformer 里。',
    '2015: ResNet trains networks over 100 layers deep with skip connections, later used in every Transformer.'),
  ev(2016.2, 'system', 'AlphaGo', 'AlphaGo',
    '2016 年 3 月，AlphaGo 以 4:1 战胜李世石，结合了深度网络、强化学习与搜索。',
    'March 2016: AlphaGo beats Lee Sedol 4–1, combining deep networks, reinforcement learning and search.'),
  ev(2017.45, 'idea', 'Transformer', 'Transformer',
    '2017 年 6 月，《Attention Is All You Need》：只用注意力的架构，可并行训练，此后的大模型都以它为基础。',
    'June 2017: "Attention Is All You Need" — an attention-only architecture that trains in parallel; every later large model builds on it.'),
  ev(2018.45, 'open', 'GPT-1', 'GPT-1',
    '2018 年 6 月，GPT-1（1.17 亿参数）：先生成式预训练，再针对任务微调。',
    'June 2018: GPT-1 (117M parameters): generative pretraining, then fine-tuning per task.'),
  ev(2018.8, 'open', 'BERT', 'BERT',
    '2018 年 10 月，Google 的 BERT（1.1 亿 / 3.4 亿参数）：双向编码器，用掩码语言建模预训练，权重公开。',
    'Oct 2018: Google\'s BERT (110M / 340M), a bidirectional encoder pretrained by masked-language modelling; weights released.'),
  ev(2019.12, 'open', 'GPT-2', 'GPT-2',
    '2019 年 2 月，GPT-2（15 亿参数），因担心被滥用而分阶段发布，11 月放出完整权重。',
    'Feb 2019: GPT-2 (1.5B), released in stages over misuse concerns; full weights in November.'),
  ev(2020.05, 'idea', '缩放定律', 'Scaling laws',
    '2020 年 1 月，Kaplan 等人发现：损失随参数量、数据量、计算量按幂律平稳下降。',
    'Jan 2020: Kaplan et al. find that loss falls as a smooth power law in parameters, data and compute.'),
  ev(2020.4, 'system', 'GPT-3', 'GPT-3',
    '2020 年 5 月，GPT-3（1750 亿参数）：只在提示词里给几个示例就能完成新任务。',
    'May 2020: GPT-3 (175B) does new tasks from a few examples in the prompt.'),
  ev(2022.17, 'idea', 'InstructGPT', 'InstructGPT',
    '2022 年 3 月，InstructGPT：SFT + RLHF 后，13 亿参数的模型比 1750 亿的 GPT-3 更受标注员青睐。',
    'Mar 2022: InstructGPT — after SFT + RLHF, labellers prefer a 1.3B model to the 175B GPT-3.'),
  ev(2022.24, 'idea', 'Chinchilla', 'Chinchilla',
    '2022 年 3 月，Chinchilla（700 亿参数、1.4 万亿 token）胜过 2800 亿参数的 Gopher：每个参数约需 20 个 token。',
    'Mar 2022: Chinchilla (70B, 1.4T tokens) beats the 280B Gopher: about 20 tokens per parameter.'),
  ev(2022.91, 'system', 'ChatGPT', 'ChatGPT',
    '2022 年 11 月 30 日，ChatGPT 发布，据报道约两个月用户破亿。',
    'Nov 30, 2022: ChatGPT launches; it reportedly reaches 100 million users in about two months.'),
  ev(2023.15, 'open', 'LLaMA', 'LLaMA',
    '2023 年 2 月，Meta 的 LLaMA（70 亿–650 亿参数）向研究者开放权重，开源社区随之爆发。',
    'Feb 2023: Meta\'s LLaMA (7B–65B) weights go to researchers and the open-model community takes off.'),
  ev(2023.2, 'system', 'GPT-4', 'GPT-4',
    '2023 年 3 月 14 日，GPT-4：可接受图像输入，参数量未公开。',
    'Mar 14, 2023: GPT-4 accepts image input; its parameter count is not disclosed.'),
  ev(2023.2, 'open', 'ChatGLM-6B', 'ChatGLM-6B',
    '2023 年 3 月，清华大学与智谱 AI 开源 ChatGLM-6B，中英双语对话模型可在消费级显卡上运行。',
    'Mar 2023: Tsinghua and Zhipu AI release ChatGLM-6B, a Chinese–English chat model that runs on a consumer GPU.'),
  ev(2023.21, 'system', '文心一言', 'ERNIE Bot',
    '2023 年 3 月，百度发布文心一言；同年 8 月《生成式人工智能服务管理暂行办法》施行后向公众开放。',
    'Mar 2023: Baidu unveils ERNIE Bot (文心一言); it opens to the public in August after China\'s generative-AI rules take effect.'),
  ev(2023.6, 'open', 'Qwen-7B', 'Qwen-7B',
    '2023 年 8 月，阿里巴巴开源通义千问 Qwen-7B，此后 Qwen 系列成为使用最广的开放权重模型之一。',
    'Aug 2023: Alibaba opens Qwen-7B; the Qwen family becomes one of the most used open-weights series.'),
  ev(2024.3, 'open', 'Llama 3', 'Llama 3',
    '2024 年 4 月，Llama 3（80 亿 / 700 亿参数），训练数据超过 15 万亿 token。',
    'Apr 2024: Llama 3 (8B / 70B), trained on over 15 trillion tokens.'),
  ev(2024.36, 'system', 'GPT-4o', 'GPT-4o',
    '2024 年 5 月，GPT-4o：一个模型同时处理文本、图像和语音。',
    'May 2024: GPT-4o handles text, images and audio in one model.'),
  ev(2024.7, 'system', 'o1', 'o1',
    '2024 年 9 月，OpenAI o1：先用长思维链“思考”再作答的推理模型。',
    'Sep 2024: OpenAI o1, a reasoning model that "thinks" in a long chain of thought before answering.'),
  ev(2024.98, 'open', 'DeepSeek-V3', 'DeepSeek-V3',
    '2024 年 12 月，DeepSeek-V3：总参数 6710 亿、每个 token 激活 370 亿的混合专家模型，权重公开。',
    'Dec 2024: DeepSeek-V3, a mixture-of-experts model with 671B parameters, 37B active per token; weights released.'),
  ev(2025.05, 'open', 'DeepSeek-R1', 'DeepSeek-R1',
    '2025 年 1 月，DeepSeek-R1：主要靠强化学习训练出推理能力，以 MIT 许可证开放权重。',
    'Jan 2025: DeepSeek-R1 learns to reason largely through reinforcement learning; open weights under MIT.'),
  ev(2025.33, 'open', 'Qwen3', 'Qwen3',
    '2025 年 4 月，Qwen3 系列发布，含稠密与混合专家模型，可切换“思考”与“非思考”模式。',
    'Apr 2025: the Qwen3 family, dense and mixture-of-experts, with switchable thinking and non-thinking modes.'),
];
