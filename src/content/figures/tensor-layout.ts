import * as d3 from 'd3';
import type { Lang } from '../../lib/i18n/catalogue';
import type { LessonFigure } from './types';
import { flatIndex, unflatIndex } from './row-major';

const TEXT = {
  title: { zh: '张量在内存里的样子：[batch, heads, seq, seq]', en: 'What a tensor looks like in memory: [batch, heads, seq, seq]' },
  heads: { zh: '注意力头数 heads', en: 'heads' },
  seq: { zh: '序列长度 seq', en: 'sequence length seq' },
  head: { zh: '头', en: 'head' },
  logical: { zh: '逻辑视图：每个头一张 seq × seq 的注意力矩阵（batch = 1）', en: 'Logical view: one seq × seq attention matrix per head (batch = 1)' },
  flat: { zh: '物理视图：一整块 Float32Array，按行优先排列', en: 'Physical view: one flat Float32Array, row-major' },
  hint: { zh: '把鼠标移到任一格子上（或用 Tab 键聚焦图形后按方向键）', en: 'Hover any cell (or focus the figure with Tab and use the arrow keys)' },
} as const;

const WIDTH = 720;
const MATRIX_TOP = 44;
const MATRIX_AREA = 170;
const STRIP_TOP = 250;
const STRIP_HEIGHT = 26;

interface Cell {
  flat: number;
  h: number;
  i: number;
  j: number;
}

/** Alternate two fills so each head's contiguous block stands out in the flat strip. */
const headColor = (h: number) => (h % 2 === 0 ? 'var(--accent-2)' : 'var(--border)');

function slider(parent: d3.Selection<HTMLDivElement, unknown, null, undefined>, label: string, min: number, max: number, value: number) {
  const wrap = parent.append('label').style('display', 'inline-flex').style('gap', '0.5em').style('margin-right', '1.5em');
  wrap.append('span').text(label);
  const input = wrap.append('input').attr('type', 'range').attr('min', min).attr('max', max).attr('step', 1).property('value', value);
  const out = wrap.append('output').text(String(value));
  return { input, out };
}

export const figure: LessonFigure = {
  id: 'tensor-layout',
  title: { zh: TEXT.title.zh, en: TEXT.title.en },
  render(el: HTMLElement, lang: Lang) {
    const root = d3.select(el).append('div').attr('class', 'figure-tensor-layout');
    const controls = root.append('div').style('margin-bottom', '0.5em');
    const headsCtl = slider(controls, TEXT.heads[lang], 1, 4, 2);
    const seqCtl = slider(controls, TEXT.seq[lang], 2, 6, 4);

    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${WIDTH} ${STRIP_TOP + STRIP_HEIGHT + 40}`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('tabindex', 0)
      .attr('aria-label', TEXT.title[lang])
      .style('font', '13px system-ui, sans-serif');
    svg.append('title').text(TEXT.title[lang]);
    const status = root.append('p').attr('aria-live', 'polite').style('font-family', 'monospace').style('color', 'var(--fg)');
    root.append('p').style('color', 'var(--muted)').style('font-size', '0.85em').text(TEXT.hint[lang]);

    svg.append('text').attr('x', 0).attr('y', 16).attr('fill', 'var(--muted)').text(TEXT.logical[lang]);
    svg.append('text').attr('x', 0).attr('y', STRIP_TOP - 12).attr('fill', 'var(--muted)').text(TEXT.flat[lang]);
    const matrices = svg.append('g');
    const strip = svg.append('g').attr('transform', `translate(0,${STRIP_TOP})`);
    const axis = svg.append('g').attr('transform', `translate(0,${STRIP_TOP + STRIP_HEIGHT + 4})`);

    let active = 0;

    function draw(): void {
      const heads = Number(headsCtl.input.property('value'));
      const seq = Number(seqCtl.input.property('value'));
      headsCtl.out.text(String(heads));
      seqCtl.out.text(String(seq));
      const shape = [1, heads, seq, seq];
      const total = heads * seq * seq;
      active = Math.min(active, total - 1);

      const gap = 24;
      const cell = Math.min(28, (WIDTH - gap * (heads - 1)) / (heads * seq), (MATRIX_AREA - 20) / seq);
      const cells: Cell[] = d3.range(total).map((flat) => {
        const [, h, i, j] = unflatIndex(shape, flat) as [number, number, number, number];
        return { flat, h, i, j };
      });

      matrices
        .selectAll('text.head')
        .data(d3.range(heads))
        .join('text')
        .attr('class', 'head')
        .attr('x', (h) => h * (seq * cell + gap))
        .attr('y', MATRIX_TOP - 6)
        .attr('fill', 'var(--fg)')
        .text((h) => `${TEXT.head[lang]} ${h}`);

      matrices
        .selectAll('rect')
        .data(cells, (d) => (d as Cell).flat)
        .join('rect')
        .attr('x', (d) => d.h * (seq * cell + gap) + d.j * cell)
        .attr('y', (d) => MATRIX_TOP + d.i * cell)
        .attr('width', cell - 1)
        .attr('height', cell - 1)
        .on('mouseenter', (_, d) => select(d.flat));

      const w = WIDTH / total;
      strip
        .selectAll('rect')
        .data(cells, (d) => (d as Cell).flat)
        .join('rect')
        .attr('x', (d) => d.flat * w)
        .attr('width', Math.max(1, w - 0.5))
        .attr('height', STRIP_HEIGHT)
        .on('mouseenter', (_, d) => select(d.flat));

      const ticks = d3.range(0, total + 1, seq * seq);
      axis
        .selectAll('text')
        .data(ticks)
        .join('text')
        .attr('x', (t) => Math.min(t * w, WIDTH - 10))
        .attr('y', 14)
        .attr('text-anchor', (t) => (t === 0 ? 'start' : t === total ? 'end' : 'middle'))
        .attr('fill', 'var(--muted)')
        .text((t) => String(t));

      highlight(shape);
    }

    function highlight(shape: number[]): void {
      const [, heads, seq] = shape as [number, number, number, number];
      const [, h, i, j] = unflatIndex(shape, active) as [number, number, number, number];
      for (const layer of [matrices, strip]) {
        layer
          .selectAll<SVGRectElement, Cell>('rect')
          .attr('fill', (d) => (d.flat === active ? 'var(--accent)' : headColor(d.h)))
          .attr('fill-opacity', (d) => (d.flat === active ? 1 : 0.55));
      }
      const flat = flatIndex(shape, [0, h, i, j]);
      status.text(`[0, ${h}, ${i}, ${j}] → ((0·${heads} + ${h})·${seq} + ${i})·${seq} + ${j} = ${flat}`);
    }

    function select(flat: number): void {
      active = flat;
      const heads = Number(headsCtl.input.property('value'));
      const seq = Number(seqCtl.input.property('value'));
      highlight([1, heads, seq, seq]);
    }

    function onKey(event: KeyboardEvent): void {
      const heads = Number(headsCtl.input.property('value'));
      const seq = Number(seqCtl.input.property('value'));
      const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: seq, ArrowUp: -seq }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      select(Math.max(0, Math.min(heads * seq * seq - 1, active + step)));
    }

    headsCtl.input.on('input', draw);
    seqCtl.input.on('input', draw);
    svg.on('keydown', onKey);
    draw();

    return () => {
      headsCtl.input.on('input', null);
      seqCtl.input.on('input', null);
      svg.on('keydown', null);
      root.remove();
    };
  },
};
