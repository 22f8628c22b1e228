import * as d3 from 'd3';
import type { Lang } from '../../lib/i18n/catalogue';
import type { LessonFigure } from './types';
import { bioSpans, entityScores, type EntitySpan } from './bio-spans';

// A BC5CDR training sentence, with its gold tags.
const TOKENS = ['Selegiline', '-', 'induced', 'postural', 'hypotension', 'in', 'Parkinson', "'", 's', 'disease'];
const GOLD = ['B-Chemical', 'O', 'O', 'B-Disease', 'I-Disease', 'O', 'B-Disease', 'I-Disease', 'I-Disease', 'I-Disease'];
// A typical small-model mistake to start from: the boundary of "postural hypotension" is wrong.
const START = ['B-Chemical', 'O', 'O', 'O', 'B-Disease', 'O', 'B-Disease', 'I-Disease', 'I-Disease', 'I-Disease'];
const CYCLE = ['O', 'B-Disease', 'I-Disease', 'B-Chemical', 'I-Chemical'];

const TEXT = {
  title: { zh: '实体级评分：只有起止位置和类型都完全一致才算对', en: 'Entity-level scoring: a prediction counts only if start, end and type all match' },
  gold: { zh: '标准答案', en: 'gold' },
  pred: { zh: '模型预测', en: 'predicted' },
  hint: {
    zh: '点击（或用 Tab 选中后按回车）“模型预测”一行的标签来切换：O → B-Disease → I-Disease → B-Chemical → I-Chemical。实色 = 完全匹配，空心 = 未匹配。',
    en: 'Click a predicted tag (or Tab to it and press Enter) to cycle O → B-Disease → I-Disease → B-Chemical → I-Chemical. Filled = exact match, outlined = unmatched.',
  },
} as const;

const WIDTH = 760;
const X0 = 84;
const COL = (WIDTH - X0) / TOKENS.length;
const ROWS = { tokens: 20, gold: 48, goldSpans: 66, pred: 104, predSpans: 122 };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const shortTag = (t: string) => t.replace('Disease', 'Dis').replace('Chemical', 'Chem');

export const figure: LessonFigure = {
  id: 'ner-span-scoring',
  title: { zh: TEXT.title.zh, en: TEXT.title.en },
  render(el: HTMLElement, lang: Lang) {
    const predicted = [...START];
    const root = d3.select(el).append('div');
    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${WIDTH} 150`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('aria-label', TEXT.title[lang])
      .style('font', '12px system-ui, sans-serif');
    svg.append('title').text(TEXT.title[lang]);
    const scores = root.append('p').attr('aria-live', 'polite').style('font-family', 'monospace');
    root.append('p').style('color', 'var(--muted)').style('font-size', '0.85em').text(TEXT.hint[lang]);

    const cx = (i: number) => X0 + COL * (i + 0.5);
    svg
      .selectAll('text.token')
      .data(TOKENS)
      .join('text')
      .attr('class', 'token')
      .attr('x', (_, i) => cx(i))
      .attr('y', ROWS.tokens)
      .attr('text-anchor', 'middle')
      .attr('fill', 'var(--fg)')
      .text((t) => t);
    for (const [label, y] of [[TEXT.gold[lang], ROWS.gold], [TEXT.pred[lang], ROWS.pred]] as const) {
      svg.append('text').attr('x', 0).attr('y', y).attr('fill', 'var(--muted)').text(label);
    }
    svg
      .selectAll('text.gold')
      .data(GOLD)
      .join('text')
      .attr('class', 'gold')
      .attr('x', (_, i) => cx(i))
      .attr('y', ROWS.gold)
      .attr('text-anchor', 'middle')
      .attr('fill', 'var(--muted)')
      .text(shortTag);

    const predTags = svg
      .selectAll('text.pred')
      .data(d3.range(TOKENS.length))
      .join('text')
      .attr('class', 'pred')
      .attr('x', cx)
      .attr('y', ROWS.pred)
      .attr('text-anchor', 'middle')
      .attr('tabindex', 0)
      .attr('role', 'button')
      .style('cursor', 'pointer')
      .on('click', (_, i) => cycle(i))
      .on('keydown', (event: KeyboardEvent, i) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        cycle(i);
      });
    const spanLayer = svg.append('g');

    function cycle(i: number): void {
      const next = (CYCLE.indexOf(predicted[i] ?? 'O') + 1) % CYCLE.length;
      predicted[i] = CYCLE[next] ?? 'O';
      draw();
    }

    function drawSpans(spans: EntitySpan[], matched: Set<string>, y: number, cls: string): void {
      spanLayer
        .selectAll<SVGRectElement, EntitySpan>(`rect.${cls}`)
        .data(spans)
        .join('rect')
        .attr('class', cls)
        .attr('x', (s) => X0 + COL * s.start + 2)
        .attr('width', (s) => COL * (s.end - s.start) - 4)
        .attr('y', y)
        .attr('height', 10)
        .attr('rx', 3)
        .attr('stroke', (s) => (s.type === 'Chemical' ? 'var(--accent-2)' : 'var(--accent)'))
        .attr('fill', (s) => (matched.has(`${s.type}:${s.start}:${s.end}`) ? (s.type === 'Chemical' ? 'var(--accent-2)' : 'var(--accent)') : 'none'));
    }

    function draw(): void {
      predTags
        .text((i) => shortTag(predicted[i] ?? 'O'))
        .attr('fill', (i) => (predicted[i] === GOLD[i] ? 'var(--fg)' : 'var(--accent)'))
        .attr('font-weight', (i) => (predicted[i] === GOLD[i] ? null : '700'))
        .attr('aria-label', (i) => `${TOKENS[i]}: ${predicted[i]}`);
      const gold = bioSpans(GOLD);
      const pred = bioSpans(predicted);
      const goldKeys = new Set(gold.map((s) => `${s.type}:${s.start}:${s.end}`));
      const matched = new Set(pred.map((s) => `${s.type}:${s.start}:${s.end}`).filter((k) => goldKeys.has(k)));
      drawSpans(gold, matched, ROWS.goldSpans, 'gold-span');
      drawSpans(pred, matched, ROWS.predSpans, 'pred-span');
      const s = entityScores(gold, pred);
      scores.text(`TP ${s.tp}  FP ${s.fp}  FN ${s.fn}   P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}`);
    }

    draw();
    return () => root.remove();
  },
};
