import * as d3 from 'd3';
import { loraParamCount, weightBytes } from './lora-params';
import type { LessonFigure } from './types';

const DIMS = [256, 768, 4096] as const;
const MAX_RANK = 64;
const SIDE = 170; // pixels for the d × d matrix W
const WIDTH = 660;
const HEIGHT = 330;
let instances = 0; // gives each mounted figure its own radio-group name

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${d3.format(',.3~r')(value)} ${units[unit]}`;
}

export const figure: LessonFigure = {
  id: 'lora-low-rank',
  title: { zh: 'LoRA：W + BA 与可训练参数量', en: 'LoRA: W + BA and the trainable parameter count' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const num = d3.format(',');
    const pct = d3.format('.3~%');
    instances++;
    let d: number = DIMS[0];
    let rank = 8;

    const root = d3.select(el).append('div').attr('class', 'figure-lora-low-rank');
    const controls = root.append('div').style('display', 'flex').style('flex-wrap', 'wrap').style('gap', '1rem');

    const dimGroup = controls.append('fieldset').style('border', 'none').style('padding', '0').style('margin', '0');
    dimGroup.append('legend').text(t('矩阵维度 d（W 为 d×d）', 'Matrix size d (W is d×d)'));
    const dimInputs = dimGroup
      .selectAll('label')
      .data(DIMS)
      .join('label')
      .style('margin-right', '0.75rem');
    dimInputs
      .append('input')
      .attr('type', 'radio')
      .attr('name', `lora-dim-${instances}`)
      .property('checked', (v) => v === d)
      .on('change', (_event, v) => {
        d = v;
        update();
      });
    dimInputs.append('span').text((v) => ` ${v}`);

    const rankLabel = controls.append('label');
    rankLabel.append('span').text(t('秩 r：', 'Rank r: '));
    const rankValue = rankLabel.append('output').style('display', 'inline-block').style('min-width', '2ch');
    rankLabel
      .append('input')
      .attr('type', 'range')
      .attr('min', 1)
      .attr('max', MAX_RANK)
      .attr('value', rank)
      .attr('aria-label', t('LoRA 的秩 r', 'LoRA rank r'))
      .on('input', (event: Event) => {
        rank = Number((event.target as HTMLInputElement).value);
        update();
      });

    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
      .attr('width', '100%')
      .attr('role', 'img')
      .style('font', '13px sans-serif')
      .style('color', 'var(--fg)');
    const svgTitle = svg.append('title');
    const matrices = svg.append('g').attr('transform', 'translate(20, 40)');
    const bars = svg.append('g').attr('transform', `translate(20, ${SIDE + 85})`);
    const caption = root.append('p').style('color', 'var(--muted)').style('margin', '0.25rem 0 0');

    function box(x: number, y: number, w: number, h: number, fill: string, label: string, sub: string) {
      const g = matrices.append('g').attr('transform', `translate(${x}, ${y})`);
      g.append('rect')
        .attr('width', Math.max(w, 2))
        .attr('height', Math.max(h, 2))
        .style('fill', fill)
        .style('stroke', 'var(--fg)')
        .style('stroke-width', 1);
      g.append('text').attr('y', -22).text(label).style('fill', 'var(--fg)').style('font-weight', '600');
      g.append('text').attr('y', -8).text(sub).style('fill', 'var(--muted)');
    }

    function update() {
      const count = loraParamCount(d, d, rank);
      const r = (SIDE * rank) / d; // the rank dimension, drawn to the same scale as d
      rankValue.text(String(rank));
      matrices.selectAll('*').remove();

      box(0, 0, SIDE, SIDE, 'var(--border)', t('W（冻结）', 'W (frozen)'), `${d}×${d}`);
      matrices.append('text').attr('x', SIDE + 18).attr('y', SIDE / 2 + 6).text('+').style('font-size', '22px').style('fill', 'var(--fg)');
      const bx = SIDE + 50;
      box(bx, 0, r, SIDE, 'var(--accent)', 'B', `${d}×${rank}`);
      matrices.append('text').attr('x', bx + Math.max(r, 2) + 30).attr('y', SIDE / 2 + 6).text('×').style('font-size', '20px').style('fill', 'var(--fg)');
      const ax = bx + Math.max(r, 2) + 64; // room for B's "4096×64" label
      box(ax, 0, SIDE, r, 'var(--accent-2)', 'A', `${rank}×${d}`);
      matrices
        .append('text')
        .attr('x', ax)
        .attr('y', Math.max(r, 2) + 22)
        .style('fill', 'var(--muted)')
        .text(t('B、A 可训练（B 初始化为 0）', 'B and A are trained (B starts at 0)'));

      const x = d3.scaleLinear().domain([0, count.full]).range([0, WIDTH - 230]);
      const rows = [
        { label: t('全量微调', 'Full fine-tuning'), value: count.full, fill: 'var(--border)' },
        { label: `LoRA r=${rank}`, value: count.lora, fill: 'var(--accent)' },
      ];
      const row = bars
        .selectAll('g')
        .data(rows)
        .join('g')
        .attr('transform', (_row, i) => `translate(0, ${i * 30})`);
      row.selectAll('*').remove();
      row.append('text').attr('y', 14).text((v) => v.label).style('fill', 'var(--fg)');
      row
        .append('rect')
        .attr('x', 120)
        .attr('width', (v) => Math.max(1, x(v.value)))
        .attr('height', 18)
        .style('fill', (v) => v.fill);
      row
        .append('text')
        .attr('x', (v) => 126 + Math.max(1, x(v.value)))
        .attr('y', 14)
        .text((v) => num(v.value))
        .style('fill', 'var(--fg)');

      const summary = t(
        `可训练参数 r·(d+d) = ${rank}·(${d}+${d}) = ${num(count.lora)}，是 W 的 ${num(count.full)} 个参数的 ${pct(count.fraction)}。`,
        `Trainable r·(d+d) = ${rank}·(${d}+${d}) = ${num(count.lora)}, which is ${pct(count.fraction)} of W's ${num(count.full)}.`,
      );
      const memory = t(
        `fp16 存储：W ${formatBytes(weightBytes(count.full, 16))}，B 和 A 合计 ${formatBytes(weightBytes(count.lora, 16))}。`,
        `At fp16: W takes ${formatBytes(weightBytes(count.full, 16))}; B and A together ${formatBytes(weightBytes(count.lora, 16))}.`,
      );
      caption.text(`${summary} ${memory}`);
      svgTitle.text(summary);
      svg.attr('aria-label', summary);
    }

    update();
    return () => root.remove();
  },
};
