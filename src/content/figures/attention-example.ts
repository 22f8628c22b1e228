import * as d3 from 'd3';
import { EXAMPLE, attention } from './scaled-dot-product';
import type { LessonFigure } from './types';

const WIDTH = 560;
const HEIGHT = 270;
const CELL = 58;
const X0 = 190; // left edge of the weight matrix
const Y0 = 62; // top edge of the weight matrix

const vec = (v: readonly number[]) => `[${v.map((x) => d3.format('.3~f')(x)).join(', ')}]`;

export const figure: LessonFigure = {
  id: 'attention-example',
  title: { zh: '自注意力算一遍：3 个 token，d_k = 2', en: 'Self-attention worked through: 3 tokens, d_k = 2' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const f2 = d3.format('.2f');
    const f3 = d3.format('.3f');
    const { tokens, q, k, v } = EXAMPLE;
    const n = tokens.length;
    const options = { scale: true, causal: false };

    const root = d3.select(el).append('div').attr('class', 'figure-attention-example');
    const controls = root.append('div').style('display', 'flex').style('flex-wrap', 'wrap').style('gap', '0.25rem 1.25rem');
    const toggle = (key: keyof typeof options, label: string) => {
      const l = controls.append('label');
      l.append('input').attr('type', 'checkbox').attr('name', key).property('checked', options[key])
        .on('change', (e: Event) => { options[key] = (e.target as HTMLInputElement).checked; update(); });
      l.append('span').text(` ${label}`);
    };
    toggle('scale', t('除以 √d_k', 'Divide by √d_k'));
    toggle('causal', t('因果掩码（解码器）', 'Causal mask (decoder)'));

    const svg = root.append('svg').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('width', '100%').attr('role', 'img')
      .attr('aria-label', t(
        '3×3 注意力权重矩阵：行是查询 token（the、cat、sat），列是键 token，右侧是每个 token 的输出向量。',
        'A 3×3 attention-weight matrix: rows are query tokens (the, cat, sat), columns are key tokens, and each token\'s output vector is on the right.',
      ))
      .style('font', '12px sans-serif').style('color', 'var(--fg)');
    svg.append('title').text(figure.title[lang]);

    const label = (x: number, y: number, text: string, anchor = 'middle', fill = 'currentColor') =>
      svg.append('text').attr('x', x).attr('y', y).attr('text-anchor', anchor).attr('fill', fill).text(text);
    label(X0 + (n * CELL) / 2, 14, t('键 k（被查询的 token）', 'key k (the token looked at)'), 'middle', 'var(--muted)');
    label(X0 - 10, Y0 - 8, t('查询 q', 'query q'), 'end', 'var(--muted)');
    label(X0 + n * CELL + 14, Y0 - 8, t('输出 = Σ 权重 × v', 'output = Σ weight × v'), 'start', 'var(--muted)');
    tokens.forEach((tok, j) => {
      label(X0 + j * CELL + CELL / 2, 32, tok).attr('font-weight', 'bold');
      label(X0 + j * CELL + CELL / 2, 48, vec(k[j]!), 'middle', 'var(--muted)');
      label(X0 + j * CELL + CELL / 2, Y0 + n * CELL + 18, `v = ${vec(v[j]!)}`, 'middle', 'var(--muted)');
      label(X0 - 10, Y0 + j * CELL + CELL / 2 - 3, tok, 'end').attr('font-weight', 'bold');
      label(X0 - 10, Y0 + j * CELL + CELL / 2 + 13, `q = ${vec(q[j]!)}`, 'end', 'var(--muted)');
    });
    const outputs = svg.append('g');
    const cells = svg.append('g').selectAll('g').data(d3.range(n * n)).join('g').attr('tabindex', 0)
      .attr('transform', (c) => `translate(${X0 + (c % n) * CELL}, ${Y0 + Math.floor(c / n) * CELL})`);
    cells.append('rect').attr('width', CELL - 3).attr('height', CELL - 3).attr('rx', 4).attr('stroke', 'var(--border)');
    cells.append('text').attr('x', (CELL - 3) / 2).attr('y', (CELL - 3) / 2 + 4).attr('text-anchor', 'middle');

    const caption = root.append('p').attr('aria-live', 'polite').style('margin', '0.25rem 0 0').style('min-height', '2.6em');
    const hint = t('把鼠标移到某个格子上（或用 Tab 键聚焦），看这个权重是怎么算出来的。', 'Hover over a cell (or Tab to it) to see how that weight is computed.');

    function explain(c: number, steps: ReturnType<typeof attention>): string {
      const i = Math.floor(c / n);
      const j = c % n;
      const [qi, kj] = [q[i]!, k[j]!];
      const dot = `${qi.map((x, d) => `${x}×${kj[d]}`).join(' + ')} = ${steps.dots[i]![j]}`;
      if (options.causal && j > i) {
        return t(`“${tokens[i]}”在“${tokens[j]}”之前，因果掩码把分数设为 −∞，权重为 0：解码器不能偷看后面的词。`,
          `"${tokens[j]}" comes after "${tokens[i]}", so the causal mask sets the score to −∞ and the weight to 0: a decoder cannot peek ahead.`);
      }
      const scaled = options.scale ? ` ÷ √2 = ${f2(steps.scores[i]![j]!)}` : '';
      return t(`q(${tokens[i]}) · k(${tokens[j]}) = ${dot}${scaled}；对这一行做 softmax 后，“${tokens[i]}”分给“${tokens[j]}”的权重是 ${f3(steps.weights[i]![j]!)}。`,
        `q(${tokens[i]}) · k(${tokens[j]}) = ${dot}${scaled}; after the softmax over the row, "${tokens[i]}" gives "${tokens[j]}" a weight of ${f3(steps.weights[i]![j]!)}.`);
    }

    function update() {
      const steps = attention(q, k, v, options);
      const w = (c: number) => steps.weights[Math.floor(c / n)]![c % n]!;
      const masked = (c: number) => options.causal && c % n > Math.floor(c / n);
      cells.attr('aria-label', (c) => explain(c, steps));
      cells.select('rect').attr('fill', (c) => (masked(c) ? 'var(--border)' : 'var(--accent)'))
        .attr('fill-opacity', (c) => (masked(c) ? 0.4 : 0.08 + 0.92 * w(c)));
      cells.select('text').attr('fill', (c) => (w(c) > 0.55 ? 'var(--bg)' : 'currentColor'))
        .text((c) => (masked(c) ? '0' : f3(w(c))));
      outputs.selectAll('text').data(steps.outputs).join('text')
        .attr('x', X0 + n * CELL + 14).attr('y', (_o, i) => Y0 + i * CELL + CELL / 2 + 4).attr('fill', 'currentColor')
        .text((o) => `→ ${vec(o.map((x) => Number(x.toFixed(3))))}`);
      cells.on('mouseenter focus', (_e, c) => caption.text(explain(c, steps))).on('mouseleave blur', () => caption.text(hint));
      caption.text(hint);
    }
    update();
    return () => root.remove();
  },
};
