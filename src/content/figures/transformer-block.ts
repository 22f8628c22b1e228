import * as d3 from 'd3';
import { CONFIG, PARTS, partParams, type Mode, type Part, type PartId } from './transformer-block-parts';
import { modelParams } from './transformer-params';
import type { LessonFigure } from './types';

const WIDTH = 560;
const HEIGHT = 500;
const BOX_X = 70;
const BOX_W = 300;
const BOX_H = 34;
const GRID = 4; // tokens in the mask sketch

/** Vertical centre of each part; data flows upwards, as in the original paper's figure. */
const Y: Record<Exclude<PartId, 'stack'>, number> = { input: 462, embed: 402, attn: 320, norm1: 262, ffn: 196, norm2: 138, head: 46 };
const STACK = { top: 102, bottom: 352 };
let instances = 0;

export const figure: LessonFigure = {
  id: 'transformer-block',
  title: { zh: 'Transformer 块的结构（可悬停查看各部分）', en: 'Inside a Transformer block (hover a part)' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const num = d3.format(',');
    const name = `transformer-mode-${++instances}`;
    let mode: Mode = 'encoder';
    let active: Part | null = null;

    const root = d3.select(el).append('div').attr('class', 'figure-transformer-block');
    const modes = root.append('fieldset').style('border', 'none').style('padding', '0').style('margin', '0 0 0.25rem');
    modes.append('legend').text(t('模型类型', 'Model type'));
    const options = modes.selectAll('label').data(['encoder', 'decoder'] as const).join('label').style('margin-right', '1rem');
    options.append('input').attr('type', 'radio').attr('name', name).attr('value', (m) => m)
      .property('checked', (m) => m === mode)
      .on('change', (_e, m) => { mode = m; draw(); });
    options.append('span').text((m) => (m === 'encoder' ? t(' 仅编码器（BERT-base）', ' Encoder-only (BERT-base)') : t(' 仅解码器（GPT-2 small）', ' Decoder-only (GPT-2 small)')));

    const svg = root.append('svg').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('width', '100%').attr('role', 'img')
      .style('font', '13px sans-serif').style('color', 'var(--fg)');
    const svgTitle = svg.append('title');
    const marker = `${name}-arrow`;
    svg.append('defs').append('marker').attr('id', marker).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', 'var(--muted)');

    const arrow = (x1: number, y1: number, x2: number, y2: number) =>
      svg.append('path').attr('d', `M${x1},${y1}L${x2},${y2}`).attr('stroke', 'var(--muted)').attr('fill', 'none').attr('marker-end', `url(#${marker})`);
    const cx = BOX_X + BOX_W / 2;
    arrow(cx, Y.input - BOX_H / 2, cx, Y.embed + BOX_H / 2 + 2);
    arrow(cx, Y.embed - BOX_H / 2, cx, Y.attn + BOX_H / 2 + 2);
    arrow(cx, Y.attn - BOX_H / 2, cx, Y.norm1 + BOX_H / 2 + 2);
    arrow(cx, Y.norm1 - BOX_H / 2, cx, Y.ffn + BOX_H / 2 + 2);
    arrow(cx, Y.ffn - BOX_H / 2, cx, Y.norm2 + BOX_H / 2 + 2);
    arrow(cx, Y.norm2 - BOX_H / 2, cx, Y.head + BOX_H / 2 + 2);
    // residual connections: around each sublayer, on the left
    for (const [from, to] of [[STACK.bottom - 7, Y.norm1], [(Y.norm1 + Y.ffn) / 2, Y.norm2]] as const) {
      svg.append('path').attr('d', `M${cx},${from}H${BOX_X - 24}V${to}H${BOX_X - 2}`).attr('stroke', 'var(--accent-2)')
        .attr('stroke-width', 1.5).attr('fill', 'none').attr('marker-end', `url(#${marker})`);
    }
    svg.append('text').attr('x', BOX_X - 30).attr('y', (Y.attn + Y.norm1) / 2).attr('text-anchor', 'end').attr('fill', 'var(--accent-2)')
      .attr('font-size', 11).text(t('残差', 'residual'));

    const frame = svg.append('g');
    const boxes = svg.append('g');
    const grid = svg.append('g').attr('transform', `translate(${BOX_X + BOX_W + 24}, ${Y.attn - 34})`);
    const panel = root.append('div').attr('aria-live', 'polite').style('min-height', '7.5em').style('margin-top', '0.25rem');
    const panelTitle = panel.append('strong');
    const panelText = panel.append('p').style('margin', '0.2rem 0');
    const panelParams = panel.append('p').style('margin', '0').style('color', 'var(--muted)');

    function draw() {
      const config = CONFIG[mode];
      const total = modelParams(config).total;
      svg.attr('aria-label', t(
        `${config.name} 的 Transformer 块示意图：输入、嵌入、${mode === 'decoder' ? '带掩码的' : ''}多头自注意力、残差与归一化、前馈网络、残差与归一化，重复 ${config.layers} 层，然后是输出层。`,
        `Diagram of a ${config.name} Transformer block: input, embeddings, ${mode === 'decoder' ? 'masked ' : ''}multi-head self-attention, add & norm, feed-forward, add & norm, repeated ${config.layers} times, then the output layer.`,
      ));
      svgTitle.text(figure.title[lang]);

      const stack = PARTS.find((p) => p.id === 'stack')!;
      frame.selectAll('*').remove();
      const stackGroup = frame.append('g').datum(stack);
      stackGroup.append('rect').attr('x', BOX_X - 40).attr('y', STACK.top).attr('width', BOX_W + 56).attr('height', STACK.bottom - STACK.top)
        .attr('rx', 10).attr('fill', 'var(--border)').attr('fill-opacity', 0.25).attr('stroke', 'var(--border)').attr('stroke-dasharray', '5 4');
      stackGroup.append('text').attr('x', BOX_X + BOX_W + 8).attr('y', STACK.top + 18).attr('text-anchor', 'end')
        .attr('fill', 'currentColor').attr('font-weight', 'bold').text(stack.label(mode)[lang]);

      const parts = PARTS.filter((p) => p.id !== 'stack');
      const g = boxes.selectAll<SVGGElement, Part>('g').data(parts, (p) => p.id).join('g');
      g.selectAll('*').remove();
      g.append('rect').attr('x', BOX_X).attr('y', (p) => Y[p.id as keyof typeof Y] - BOX_H / 2).attr('width', BOX_W).attr('height', BOX_H)
        .attr('rx', 6).attr('fill', 'var(--bg)').attr('stroke', (p) => (p.id === 'attn' || p.id === 'ffn' ? 'var(--accent)' : 'var(--muted)'))
        .attr('stroke-width', (p) => (p.id === 'attn' || p.id === 'ffn' ? 2 : 1));
      g.append('text').attr('x', cx).attr('y', (p) => Y[p.id as keyof typeof Y] + 4).attr('text-anchor', 'middle')
        .attr('fill', 'currentColor').text((p) => p.label(mode)[lang]);

      const focusable = svg.selectAll<SVGGElement, Part>('g').filter((p) => p !== undefined && PARTS.includes(p));
      focusable.attr('tabindex', 0).style('cursor', 'default').attr('aria-label', (p) => p.label(mode)[lang])
        .on('mouseenter focus', (_e, p) => show(p)).on('mouseleave blur', () => show(null));

      grid.selectAll('*').remove();
      grid.append('text').attr('x', 0).attr('y', -6).attr('font-size', 11).attr('fill', 'var(--muted)').text(t('谁能看见谁', 'who sees whom'));
      const cell = 13;
      grid.selectAll('rect').data(d3.range(GRID * GRID)).join('rect')
        .attr('x', (i) => (i % GRID) * cell).attr('y', (i) => Math.floor(i / GRID) * cell).attr('width', cell - 2).attr('height', cell - 2)
        .attr('fill', (i) => (mode === 'decoder' && i % GRID > Math.floor(i / GRID) ? 'var(--bg)' : 'var(--accent)'))
        .attr('stroke', 'var(--border)');
      grid.append('text').attr('x', 0).attr('y', GRID * cell + 12).attr('font-size', 11).attr('fill', 'var(--muted)')
        .text(mode === 'decoder' ? t('因果掩码', 'causal mask') : t('双向', 'bidirectional'));

      show(active);
      function show(p: Part | null) {
        active = p;
        boxes.selectAll<SVGGElement, Part>('g').attr('opacity', (q) => (p === null || p.id === 'stack' || q === p ? 1 : 0.45));
        if (p === null) {
          panelTitle.text(`${config.name}: ${num(total)} ${t('个参数', 'parameters')}`);
          panelText.text(t('把鼠标移到某个部分上（或用 Tab 键聚焦）查看它的作用和参数量。', 'Hover over a part (or Tab to it) to see what it does and how many parameters it holds.'));
          panelParams.text('');
          return;
        }
        const n = partParams(p, mode);
        panelTitle.text(p.label(mode)[lang]);
        panelText.text(p.explain(mode)[lang]);
        panelParams.text(n === null ? t('没有可学习的参数。', 'No learned parameters.')
          : t(`${config.name} 中共 ${num(n)} 个参数，占全部的 ${d3.format('.1%')(n / total)}。`, `${num(n)} parameters in ${config.name}, ${d3.format('.1%')(n / total)} of the total.`));
      }
    }
    draw();
    return () => root.remove();
  },
};
