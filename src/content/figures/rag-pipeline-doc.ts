import * as d3 from 'd3';
import type { Lang } from '../../lib/i18n/catalogue';
import type { LessonFigure } from './types';
import { covers, normalizeWord, termOverlap, wordChunks, type WordRange } from './word-chunks';

interface Sample {
  /** The document, pre-split into words (Chinese is segmented by hand and shown without spaces). */
  words: string[];
  joiner: string;
  question: string;
  /** Query terms after stop-word removal. */
  terms: string[];
  /** Word range of the sentence that answers the question. */
  answer: WordRange;
}

const EN_TEXT =
  'Riverside Clinic handbook. Opening hours are 8:00 to 18:00 on weekdays and 9:00 to 13:00 on Saturdays; the clinic is closed on Sundays. ' +
  'Repeat prescriptions: request refills through the patient portal at least three working days before your medicine runs out. ' +
  'Urgent refills are handled by the on-call pharmacist. Parking is free for patients for up to two hours. ' +
  'Bring your insurance card and a list of your current medicines to every visit.';
const ZH_TEXT =
  '河畔 诊所 就诊 手册 。 工作日 开放 时间 为 8:00 至 18:00 ， 周六 为 9:00 至 13:00 ， 周日 休息 。 ' +
  '续方 须知 ： 请 至少 在 药 用完 前 三 个 工作日 通过 患者 门户 申请 续方 。 ' +
  '紧急 续方 由 值班 药师 处理 。 患者 可 免费 停车 两 小时 。 每次 就诊 请 携带 医保卡 和 当前 用药 清单 。';

function sample(text: string, joiner: string, question: string, terms: string[], first: string, last: string): Sample {
  const words = text.split(' ');
  const start = words.indexOf(first);
  return { words, joiner, question, terms, answer: { start, end: words.indexOf(last, start) + 1 } };
}

const SAMPLES: Record<Lang, Sample> = {
  en: sample(EN_TEXT, ' ', 'How many days ahead should I request refills?', ['days', 'ahead', 'request', 'refills'], 'request', 'out.'),
  zh: sample(ZH_TEXT, '', '续方要提前几天申请？', ['续方', '提前', '申请'], '请', '。'),
};

const TEXT = {
  title: { zh: '文档助手的检索流程：切分 → 向量化 → 检索 → 拼提示词', en: 'Document assistant pipeline: chunk → embed → retrieve → prompt' },
  steps: { zh: ['① 切分', '② 向量化', '③ 检索前 2 个', '④ 拼进提示词'], en: ['① Chunk', '② Embed', '③ Retrieve top 2', '④ Build prompt'] },
  size: { zh: '片段长度（词）', en: 'chunk size (words)' },
  overlap: { zh: '重叠（词）', en: 'overlap (words)' },
  question: { zh: '问题：', en: 'Question: ' },
  note: {
    zh: '分数 = 片段中出现的查询词个数（用来代替嵌入相似度的简化打分）；虚线框 = 答案所在的句子。',
    en: 'Score = number of query terms in the chunk (a simple stand-in for embedding similarity); dashed box = the sentence that answers the question.',
  },
  whole: { zh: '检索到的前 2 个片段中，有一个完整包含答案句 ✓', en: 'One of the 2 retrieved chunks contains the whole answer sentence ✓' },
  broken: { zh: '检索到的前 2 个片段都没有完整包含答案句 ✗——答案被切断，或没被检索到', en: 'Neither retrieved chunk contains the whole answer sentence ✗ — it was cut, or not retrieved' },
  chunk: { zh: '片段', en: 'chunk' },
} as const;

const WIDTH = 720;
const ROW = 22;
const LEFT = 70;
const RIGHT = 50;

export const figure: LessonFigure = {
  id: 'rag-pipeline-doc',
  title: { zh: TEXT.title.zh, en: TEXT.title.en },
  render(el: HTMLElement, lang: Lang) {
    const doc = SAMPLES[lang];
    const terms = new Set(doc.terms.map(normalizeWord));
    const root = d3.select(el).append('div');

    const steps = root.append('ol').style('display', 'flex').style('gap', '0.5em').style('list-style', 'none').style('padding', '0');
    steps
      .selectAll('li')
      .data(TEXT.steps[lang])
      .join('li')
      .style('border', '1px solid var(--border)')
      .style('padding', '0.2em 0.6em')
      .style('color', 'var(--fg)')
      .text((s) => s);

    const controls = root.append('div');
    const slider = (label: string, min: number, max: number, value: number) => {
      const wrap = controls.append('label').style('display', 'inline-flex').style('gap', '0.5em').style('margin-right', '1.5em');
      wrap.append('span').text(label);
      const input = wrap.append('input').attr('type', 'range').attr('min', min).attr('max', max).attr('step', 1).property('value', value);
      return { input, out: wrap.append('output') };
    };
    const sizeCtl = slider(TEXT.size[lang], 6, 40, 12);
    const overlapCtl = slider(TEXT.overlap[lang], 0, 10, 0);
    root.append('p').text(TEXT.question[lang] + doc.question);

    const svg = root.append('svg').attr('width', '100%').attr('role', 'img').attr('aria-label', TEXT.title[lang]).style('font', '12px system-ui, sans-serif');
    svg.append('title').text(TEXT.title[lang]);
    const status = root.append('p').attr('aria-live', 'polite').style('font-weight', '600');
    const best = root.append('blockquote').style('color', 'var(--fg)').style('border-left', '3px solid var(--accent)').style('margin', '0').style('padding-left', '0.75em');
    root.append('p').style('color', 'var(--muted)').style('font-size', '0.85em').text(TEXT.note[lang]);

    const x = d3.scaleLinear().domain([0, doc.words.length]).range([LEFT, WIDTH - RIGHT]);

    function draw(): void {
      const size = Number(sizeCtl.input.property('value'));
      overlapCtl.input.attr('max', Math.min(10, size - 1));
      const overlap = Math.min(Number(overlapCtl.input.property('value')), size - 1);
      overlapCtl.input.property('value', overlap);
      sizeCtl.out.text(String(size));
      overlapCtl.out.text(String(overlap));

      const chunks = wordChunks(doc.words.length, size, overlap).map((range, i) => ({ ...range, i, score: termOverlap(terms, doc.words, range) }));
      const ranked = [...chunks].sort((a, b) => b.score - a.score || a.i - b.i);
      const retrieved = ranked.slice(0, 2);
      const top = new Set(retrieved.map((c) => c.i));
      const height = chunks.length * ROW + 16;
      svg.attr('viewBox', `0 0 ${WIDTH} ${height}`);

      svg
        .selectAll('rect.answer')
        .data([doc.answer])
        .join('rect')
        .attr('class', 'answer')
        .attr('x', (a) => x(a.start))
        .attr('width', (a) => x(a.end) - x(a.start))
        .attr('y', 2)
        .attr('height', height - 4)
        .attr('fill', 'none')
        .attr('stroke', 'var(--fg)')
        .attr('stroke-dasharray', '4 3');

      const rows = svg
        .selectAll<SVGGElement, (typeof chunks)[number]>('g.chunk')
        .data(chunks)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'chunk');
          g.append('text').attr('class', 'label').attr('x', 0).attr('y', 15).attr('fill', 'var(--muted)');
          g.append('rect').attr('y', 4).attr('height', ROW - 8);
          g.append('text').attr('class', 'score').attr('x', WIDTH - RIGHT + 8).attr('y', 15);
          return g;
        })
        .attr('transform', (c) => `translate(0,${8 + c.i * ROW})`);
      rows.select('text.label').text((c) => `${TEXT.chunk[lang]} ${c.i + 1}`);
      rows
        .select('rect')
        .attr('x', (c) => x(c.start))
        .attr('width', (c) => x(c.end) - x(c.start))
        .attr('fill', (c) => (top.has(c.i) ? 'var(--accent)' : 'var(--border)'));
      rows
        .select('text.score')
        .attr('fill', (c) => (top.has(c.i) ? 'var(--accent)' : 'var(--muted)'))
        .text((c) => String(c.score));

      const winner = ranked[0];
      const whole = retrieved.some((c) => covers(c, doc.answer));
      status.style('color', whole ? 'var(--accent)' : 'var(--fg)').text(whole ? TEXT.whole[lang] : TEXT.broken[lang]);
      best.text(winner ? doc.words.slice(winner.start, winner.end).join(doc.joiner) : '');
    }

    sizeCtl.input.on('input', draw);
    overlapCtl.input.on('input', draw);
    draw();
    return () => root.remove();
  },
};
