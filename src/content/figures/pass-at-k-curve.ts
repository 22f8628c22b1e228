import * as d3 from 'd3';
import type { Lang } from '../../lib/i18n/catalogue';
import type { LessonFigure } from './types';
import { passAtK } from './pass-at-k';

const TEXT = {
  title: { zh: 'pass@k：生成 n 个程序、其中 c 个通过测试时，k 次尝试至少成功一次的概率', en: 'pass@k: the chance that k tries include a passing program, given n samples of which c pass' },
  n: { zh: '生成的样本数 n', en: 'samples generated n' },
  c: { zh: '通过测试的样本数 c', en: 'samples that pass c' },
  axisK: { zh: 'k（允许尝试的次数）', en: 'k (tries allowed)' },
  hint: { zh: '拖动滑块；把鼠标移到柱子上看精确数值', en: 'Move the sliders; hover a bar for its exact value' },
} as const;

const WIDTH = 720;
const HEIGHT = 300;
const M = { top: 16, right: 16, bottom: 44, left: 48 };

export const figure: LessonFigure = {
  id: 'pass-at-k-curve',
  title: { zh: TEXT.title.zh, en: TEXT.title.en },
  render(el: HTMLElement, lang: Lang) {
    const root = d3.select(el).append('div');
    const controls = root.append('div');
    const sliders = (['n', 'c'] as const).map((key) => {
      const label = controls.append('label').style('display', 'inline-flex').style('gap', '0.5em').style('margin-right', '1.5em');
      label.append('span').text(TEXT[key][lang]);
      const input = label.append('input').attr('type', 'range').attr('min', key === 'n' ? 1 : 0).attr('step', 1);
      const out = label.append('output');
      return { input, out };
    });
    const [nCtl, cCtl] = sliders as [(typeof sliders)[0], (typeof sliders)[0]];
    nCtl.input.attr('max', 20).property('value', 10);
    cCtl.input.attr('max', 10).property('value', 3);

    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('aria-label', TEXT.title[lang])
      .style('font', '12px system-ui, sans-serif');
    svg.append('title').text(TEXT.title[lang]);
    const status = root.append('p').attr('aria-live', 'polite').style('font-family', 'monospace');
    root.append('p').style('color', 'var(--muted)').style('font-size', '0.85em').text(TEXT.hint[lang]);

    const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - M.bottom, M.top]);
    svg
      .append('g')
      .attr('transform', `translate(${M.left},0)`)
      .call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')))
      .call((g) => g.selectAll('text').attr('fill', 'var(--muted)'))
      .call((g) => g.selectAll('line,path').attr('stroke', 'var(--border)'));
    const xAxis = svg.append('g').attr('transform', `translate(0,${HEIGHT - M.bottom})`);
    svg
      .append('text')
      .attr('x', (WIDTH + M.left) / 2)
      .attr('y', HEIGHT - 6)
      .attr('text-anchor', 'middle')
      .attr('fill', 'var(--muted)')
      .text(TEXT.axisK[lang]);
    const bars = svg.append('g');

    function describe(n: number, c: number, k: number): string {
      return `n = ${n}, c = ${c}, k = ${k}: pass@${k} = ${(passAtK(n, c, k) * 100).toFixed(1)}%`;
    }

    function draw(): void {
      const n = Number(nCtl.input.property('value'));
      cCtl.input.attr('max', n);
      const c = Math.min(Number(cCtl.input.property('value')), n);
      cCtl.input.property('value', c);
      nCtl.out.text(String(n));
      cCtl.out.text(String(c));

      const data = d3.range(1, n + 1).map((k) => ({ k, p: passAtK(n, c, k) }));
      const x = d3.scaleBand<number>().domain(data.map((d) => d.k)).range([M.left, WIDTH - M.right]).padding(0.2);
      xAxis
        .call(d3.axisBottom(x))
        .call((g) => g.selectAll('text').attr('fill', 'var(--muted)'))
        .call((g) => g.selectAll('line,path').attr('stroke', 'var(--border)'));
      bars
        .selectAll('rect')
        .data(data)
        .join('rect')
        .attr('x', (d) => x(d.k) ?? 0)
        .attr('width', x.bandwidth())
        .attr('y', (d) => y(d.p))
        .attr('height', (d) => y(0) - y(d.p))
        .attr('fill', (d) => (d.k === 1 ? 'var(--accent)' : 'var(--accent-2)'))
        .on('mouseenter', (_, d) => status.text(describe(n, c, d.k)));
      status.text(describe(n, c, 1));
    }

    nCtl.input.on('input', draw);
    cCtl.input.on('input', draw);
    draw();
    return () => root.remove();
  },
};
