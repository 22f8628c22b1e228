import * as d3 from 'd3';
import type { LessonFigure } from './types';

type Text = { zh: string; en: string };
interface Step {
  id: string;
  name: Text;
  lane: 0 | 1; // 0 = offline (indexing), 1 = online (per question)
  col: number;
  what: Text;
  example: Text;
  failure: Text;
}

const STEPS: Step[] = [
  {
    id: 'chunk', lane: 0, col: 1,
    name: { zh: '切分', en: 'Chunk' },
    what: { zh: '把文档切成 200–500 token 的片段，尽量沿标题、段落切，相邻片段留一点重叠。', en: 'Split documents into passages of 200–500 tokens, along headings and paragraphs where possible, with a little overlap.' },
    example: { zh: '一本约 6,000 token 的手册，按 300 token、重叠 50 切分，步长 250，得到 24 个片段。', en: 'A manual of about 6,000 tokens, cut into 300-token chunks with 50 overlapping (a stride of 250), gives 24 chunks.' },
    failure: { zh: '答案被切在两个片段中间；表格被拦腰截断。', en: 'The answer straddles two chunks; a table is cut in half.' },
  },
  {
    id: 'embed', lane: 0, col: 2,
    name: { zh: '向量化', en: 'Embed' },
    what: { zh: '用嵌入模型把每个片段变成一个向量，语义相近的片段向量也相近。', en: 'An embedding model turns each chunk into one vector; chunks with similar meaning get nearby vectors.' },
    example: { zh: '24 个片段 × 384 维 × 4 字节（float32）= 36,864 字节，约 36 KiB。', en: '24 chunks × 384 dimensions × 4 bytes (float32) = 36,864 bytes, about 36 KiB.' },
    failure: { zh: '模型没见过你的领域或语言；建库和查询用了不同的模型。', en: 'The model never saw your domain or language; indexing and querying use different models.' },
  },
  {
    id: 'index', lane: 0, col: 3,
    name: { zh: '建索引', en: 'Index' },
    what: { zh: '把向量、原文和元数据（来源、页码、日期）存进向量索引（精确或 HNSW），常常再配一个 BM25 关键词索引。', en: 'Store vectors, the chunk text and metadata (source, page, date) in a vector index (exact or HNSW), often beside a BM25 keyword index.' },
    example: { zh: '元数据：{"source": "manual.pdf", "page": 7}——回答时据此标注出处。', en: 'Metadata: {"source": "manual.pdf", "page": 7} — used later to cite where the answer came from.' },
    failure: { zh: '文档更新了，索引没更新，回答引用过期内容。', en: 'Documents change but the index does not, so answers quote stale text.' },
  },
  {
    id: 'retrieve', lane: 1, col: 3,
    name: { zh: '检索', en: 'Retrieve' },
    what: { zh: '用同一个嵌入模型把问题向量化，按余弦相似度取前 k 个片段（可与 BM25 混合）。', en: 'Embed the question with the same model and fetch the top k chunks by cosine similarity (optionally hybrid with BM25).' },
    example: { zh: '问“保修期多长？”，取 k = 20 个候选片段。', en: 'For “How long is the warranty?”, fetch k = 20 candidate chunks.' },
    failure: { zh: '答案根本不在前 k 个里——后面的步骤都救不回来。', en: 'The answer is not in the top k at all — no later step can recover it.' },
  },
  {
    id: 'rerank', lane: 1, col: 4,
    name: { zh: '重排', en: 'Rerank' },
    what: { zh: '交叉编码器把问题和每个片段拼在一起打分，比向量相似度更准，只留最好的 3–5 个。', en: 'A cross-encoder reads the question and each chunk together and scores them more accurately than vector similarity; keep the best 3–5.' },
    example: { zh: '20 个候选 → 20 次交叉编码器前向计算 → 保留前 4 个。', en: '20 candidates → 20 cross-encoder passes → keep the top 4.' },
    failure: { zh: '每个问题多了几十次模型调用，延迟上升。', en: 'Dozens of extra model passes per question add latency.' },
  },
  {
    id: 'prompt', lane: 1, col: 5,
    name: { zh: '拼提示', en: 'Prompt' },
    what: { zh: '把片段连同编号放进提示词，并要求：只依据资料回答、标注出处、资料里没有就说不知道。', en: 'Put the chunks, numbered, into the prompt with instructions: answer only from the sources, cite them, and say “I don’t know” if they are silent.' },
    example: { zh: '资料 [1]…[4] + 问题，约 1,500 token。', en: 'Sources [1]…[4] plus the question, about 1,500 tokens.' },
    failure: { zh: '塞太多片段，关键信息“迷失在中间”；文档里藏着提示注入。', en: 'Too many chunks and the key one gets lost in the middle; a document carries a prompt injection.' },
  },
  {
    id: 'answer', lane: 1, col: 6,
    name: { zh: '生成回答', en: 'Answer' },
    what: { zh: '大模型依据资料生成回答并给出引用，如“保修期两年 [2]”。', en: 'The LLM writes an answer grounded in the sources, with citations such as “The warranty lasts two years [2]”.' },
    example: { zh: '检查每个引用编号都指向真实检索到的片段。', en: 'Check that every citation points to a chunk that was actually retrieved.' },
    failure: { zh: '模型补充了资料里没有的内容（幻觉），或在检索失败时仍自信作答。', en: 'The model adds facts the sources do not contain, or answers confidently when retrieval failed.' },
  },
];

const W = 92;
const H = 40;
const STRIDE = 112;
const LANE_Y = [40, 130];
let instances = 0; // keeps marker ids unique when the figure is mounted more than once

export const figure: LessonFigure = {
  id: 'rag-pipeline',
  title: { zh: 'RAG 流水线：从文档到回答', en: 'The RAG pipeline: from documents to an answer' },
  render(el, lang) {
    const t = (text: Text) => text[lang];
    let selected = 0;

    const root = d3.select(el).append('div').attr('class', 'figure-rag-pipeline');
    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${STRIDE * 6 + W + 4} 190`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('aria-label', lang === 'zh' ? 'RAG 七个步骤：切分、向量化、建索引、检索、重排、拼提示、生成回答' : 'Seven RAG steps: chunk, embed, index, retrieve, rerank, prompt, answer')
      .style('font', '13px sans-serif');
    svg.append('title').text(t(figure.title));
    const defs = svg.append('defs');
    const arrowId = `rag-arrow-${++instances}`;
    defs.append('marker').attr('id', arrowId).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0L10,5L0,10z').style('fill', 'var(--muted)');

    const laneNames = lang === 'zh' ? ['离线：建库', '在线：每次提问'] : ['Offline: indexing', 'Online: per question'];
    svg.selectAll('text.lane').data(laneNames).join('text').attr('class', 'lane')
      .attr('x', 2).attr('y', (_d, i) => (LANE_Y[i] ?? 0) - 10).style('fill', 'var(--muted)').text((d) => d);

    const arrow = (x1: number, y1: number, x2: number, y2: number) =>
      svg.append('line').attr('x1', x1).attr('y1', y1).attr('x2', x2).attr('y2', y2)
        .style('stroke', 'var(--muted)').attr('marker-end', `url(#${arrowId})`);
    const [y0, y1] = LANE_Y as [number, number];
    for (let c = 0; c < 3; c++) arrow(c * STRIDE + W, y0 + H / 2, (c + 1) * STRIDE, y0 + H / 2);
    arrow(W, y1 + H / 2, 3 * STRIDE, y1 + H / 2);
    for (let c = 3; c < 6; c++) arrow(c * STRIDE + W, y1 + H / 2, (c + 1) * STRIDE, y1 + H / 2);
    arrow(3 * STRIDE + W / 2, y0 + H, 3 * STRIDE + W / 2, y1);

    const sources = [
      { label: lang === 'zh' ? '文档' : 'Documents', y: y0 },
      { label: lang === 'zh' ? '问题' : 'Question', y: y1 },
    ];
    svg.selectAll('text.source').data(sources).join('text').attr('class', 'source')
      .attr('x', 4).attr('y', (d) => d.y + H / 2 + 5).style('fill', 'var(--fg)').text((d) => d.label);

    const nodes = svg.selectAll<SVGGElement, Step>('g.step').data(STEPS).join('g').attr('class', 'step')
      .attr('transform', (s) => `translate(${s.col * STRIDE}, ${LANE_Y[s.lane] ?? 0})`)
      .attr('tabindex', 0).attr('role', 'button').attr('aria-label', (s) => t(s.name))
      .style('cursor', 'pointer')
      .on('click mouseenter focus', (_event, s) => select(STEPS.indexOf(s)))
      .on('keydown', (event: KeyboardEvent, s) => {
        if (event.key === 'Enter' || event.key === ' ') select(STEPS.indexOf(s));
      });
    nodes.append('rect').attr('width', W).attr('height', H).attr('rx', 6).style('stroke', 'var(--fg)');
    nodes.append('text').attr('x', W / 2).attr('y', H / 2 + 5).attr('text-anchor', 'middle')
      .style('fill', 'var(--fg)').style('pointer-events', 'none')
      .text((s, i) => `${i + 1}. ${t(s.name)}`);

    const panel = root.append('div').attr('aria-live', 'polite').style('border', '1px solid var(--border)')
      .style('border-radius', '6px').style('padding', '0.5rem 0.75rem').style('margin-top', '0.25rem');
    const nav = root.append('div').style('display', 'flex').style('gap', '0.5rem').style('margin-top', '0.25rem');
    nav.append('button').attr('type', 'button').text(lang === 'zh' ? '← 上一步' : '← Previous')
      .on('click', () => select((selected + STEPS.length - 1) % STEPS.length));
    nav.append('button').attr('type', 'button').text(lang === 'zh' ? '下一步 →' : 'Next →')
      .on('click', () => select((selected + 1) % STEPS.length));

    function select(index: number) {
      selected = index;
      nodes.select('rect').style('fill', (_s, i) => (i === selected ? 'var(--accent)' : 'var(--bg)'))
        .style('fill-opacity', (_s, i) => (i === selected ? 0.35 : 1));
      const step = STEPS[selected];
      if (!step) return;
      panel.selectAll('*').remove();
      panel.append('strong').text(`${selected + 1}. ${t(step.name)}`);
      const rows: [string, Text][] = [
        [lang === 'zh' ? '做什么' : 'What happens', step.what],
        [lang === 'zh' ? '例子' : 'Example', step.example],
        [lang === 'zh' ? '常见失败' : 'Typical failure', step.failure],
      ];
      for (const [label, text] of rows) {
        const p = panel.append('p').style('margin', '0.25rem 0');
        p.append('span').style('color', 'var(--muted)').text(lang === 'zh' ? `${label}：` : `${label}: `);
        p.append('span').text(t(text));
      }
    }

    select(0);
    return () => root.remove();
  },
};
