/** A small horizontal bar chart of one token's label distribution, drawn with d3 into an `<svg>`. */
import { scaleBand, scaleLinear, select } from 'd3';

export interface BarsOptions {
  width?: number;
  barHeight?: number;
  labelWidth?: number;
}

export function drawProbabilityBars(
  svg: SVGSVGElement,
  probs: ArrayLike<number>,
  labels: readonly string[],
  colorOf: (label: string) => string,
  { width = 170, barHeight = 11, labelWidth = 78 }: BarsOptions = {},
): void {
  if (probs.length !== labels.length) throw new RangeError(`${probs.length} probabilities for ${labels.length} labels`);
  const height = labels.length * barHeight;
  const y = scaleBand<number>().domain(labels.map((_, i) => i)).range([0, height]).padding(0.15);
  const x = scaleLinear().domain([0, 1]).range([0, width - labelWidth - 34]);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  const rows = root
    .selectAll('g')
    .data(Array.from(probs, (p, i) => ({ p, i, label: labels[i]! })))
    .join('g')
    .attr('transform', (d) => `translate(0, ${y(d.i)})`);
  rows.append('text').attr('x', labelWidth - 4).attr('y', y.bandwidth() / 2).attr('dy', '0.35em').attr('text-anchor', 'end').attr('class', 'bar-label').text((d) => d.label);
  rows.append('rect').attr('x', labelWidth).attr('width', (d) => Math.max(0.5, x(d.p))).attr('height', y.bandwidth()).style('fill', (d) => colorOf(d.label));
  rows.append('text').attr('x', (d) => labelWidth + x(d.p) + 3).attr('y', y.bandwidth() / 2).attr('dy', '0.35em').attr('class', 'bar-value').text((d) => d.p.toFixed(2));
}
