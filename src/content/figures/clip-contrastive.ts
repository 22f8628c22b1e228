import * as d3 from 'd3';
import { cosineMatrix, softmaxRows, symmetricInfoNce } from './info-nce';
import type { LessonFigure } from './types';

const IMAGES = [
  { zh: '图像：猫', en: 'image: cat' },
  { zh: '图像：狗', en: 'image: dog' },
  { zh: '图像：汽车', en: 'image: car' },
  { zh: '图像：一碗面', en: 'image: noodles' },
];
const TEXTS = [
  { zh: '“一只猫”', en: '“a photo of a cat”' },
  { zh: '“一只狗”', en: '“a photo of a dog”' },
  { zh: '“一辆红色汽车”', en: '“a red car”' },
  { zh: '“一碗拉面”', en: '“a bowl of ramen”' },
];
// Toy 4-d embeddings. Before training the two encoders are unrelated; after training each image
// lies close to its own caption (cat and dog stay somewhat similar: both are pets).
const STAGES = {
  before: {
    images: [[0.2, 0.9, 0.1, 0.3], [0.7, 0.1, 0.6, 0.2], [0.4, 0.5, 0.2, 0.8], [0.1, 0.3, 0.9, 0.4]],
    texts: [[0.6, 0.2, 0.5, 0.5], [0.3, 0.7, 0.4, 0.1], [0.5, 0.4, 0.3, 0.6], [0.8, 0.3, 0.2, 0.2]],
  },
  after: {
    images: [[0.9, 0.35, 0.05, 0.05], [0.35, 0.9, 0.05, 0.1], [0.05, 0.05, 0.95, 0.1], [0.1, 0.1, 0.1, 0.95]],
    texts: [[0.95, 0.3, 0.1, 0.05], [0.3, 0.95, 0.05, 0.05], [0.1, 0.05, 0.9, 0.15], [0.05, 0.15, 0.1, 0.9]],
  },
} as const;
type Stage = keyof typeof STAGES;

const CELL = 62;
const LEFT = 150;
const TOP = 105;

export const figure: LessonFigure = {
  id: 'clip-contrastive',
  title: { zh: 'CLIP 的相似度矩阵与对比损失', en: 'CLIP’s similarity matrix and contrastive loss' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const f2 = d3.format('.2f');
    let stage: Stage = 'after';
    let temperature = 0.07;
    let showSoftmax = false;

    const root = d3.select(el).append('div').attr('class', 'figure-clip-contrastive');
    const controls = root.append('div').style('display', 'flex').style('flex-wrap', 'wrap').style('gap', '1rem');
    const stageSelect = controls.append('label');
    stageSelect.append('span').text(t('编码器：', 'Encoders: '));
    stageSelect
      .append('select')
      .on('change', (event: Event) => {
        stage = (event.target as HTMLSelectElement).value as Stage;
        draw();
      })
      .selectAll('option')
      .data<Stage>(['after', 'before'])
      .join('option')
      .attr('value', (s) => s)
      .text((s) => (s === 'after' ? t('训练后', 'after training') : t('训练前', 'before training')));
    const tempLabel = controls.append('label');
    tempLabel.append('span').text(t('温度 τ：', 'Temperature τ: '));
    const tempValue = tempLabel.append('output');
    tempLabel
      .append('input')
      .attr('type', 'range')
      .attr('min', -2)
      .attr('max', 0)
      .attr('step', 0.05)
      .attr('value', Math.log10(temperature))
      .attr('aria-label', t('温度 τ（对数刻度）', 'temperature τ (log scale)'))
      .on('input', (event: Event) => {
        temperature = 10 ** Number((event.target as HTMLInputElement).value);
        draw();
      });
    const softLabel = controls.append('label');
    softLabel
      .append('input')
      .attr('type', 'checkbox')
      .on('change', (event: Event) => {
        showSoftmax = (event.target as HTMLInputElement).checked;
        draw();
      });
    softLabel.append('span').text(t(' 显示按行 softmax（图→文概率）', ' show row softmax (image→text probabilities)'));

    const size = LEFT + CELL * TEXTS.length + 110; // right margin for the slanted caption labels
    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${size} ${TOP + CELL * IMAGES.length + 10}`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('aria-label', t('4×4 图文相似度矩阵，对角线是配对的图文', '4×4 image–text similarity matrix; the diagonal holds the matching pairs'))
      .style('font', '12px sans-serif')
      .style('max-width', '560px');
    svg.append('title').text(t('CLIP 相似度矩阵', 'CLIP similarity matrix'));
    svg
      .append('g')
      .selectAll('text')
      .data(TEXTS)
      .join('text')
      .attr('transform', (_d, j) => `translate(${LEFT + CELL * j + CELL / 2}, ${TOP - 8}) rotate(-40)`)
      .style('fill', 'var(--fg)')
      .text((d) => d[lang]);
    svg
      .append('g')
      .selectAll('text')
      .data(IMAGES)
      .join('text')
      .attr('x', LEFT - 8)
      .attr('y', (_d, i) => TOP + CELL * i + CELL / 2 + 4)
      .attr('text-anchor', 'end')
      .style('fill', 'var(--fg)')
      .text((d) => d[lang]);
    const grid = svg.append('g').attr('transform', `translate(${LEFT}, ${TOP})`);
    const rects = grid.append('g').style('fill', 'var(--accent)').style('stroke', 'var(--fg)');
    const labels = grid
      .append('g')
      .attr('text-anchor', 'middle')
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .attr('pointer-events', 'none')
      .style('fill', 'var(--fg)')
      .style('stroke', 'var(--bg)');
    const status = root.append('p').attr('aria-live', 'polite').style('margin', '0.25rem 0 0');

    function draw() {
      const { images, texts } = STAGES[stage];
      const sim = cosineMatrix(images, texts);
      const probs = softmaxRows(sim, temperature);
      const values = showSoftmax ? probs : sim;
      const color = d3.scaleLinear<number>().domain(showSoftmax ? [0, 1] : [Math.min(...sim.flat()), 1]).range([0.08, 1]);
      const cells = values.flatMap((row, i) => row.map((v, j) => ({ i, j, v })));
      tempValue.text(` ${f2(temperature)} `);
      const loss = symmetricInfoNce(sim, temperature);
      const summary = t(
        `对称 InfoNCE 损失 = ${f2(loss)}（τ = ${f2(temperature)}；随机猜测为 ln 4 ≈ 1.39）。悬停查看单元格。`,
        `Symmetric InfoNCE loss = ${f2(loss)} (τ = ${f2(temperature)}; chance is ln 4 ≈ 1.39). Hover a cell.`,
      );
      status.text(summary);

      const hover = (c: (typeof cells)[number]) => {
        const kind = showSoftmax ? t('概率', 'probability') : t('余弦相似度', 'cosine similarity');
        const pair = c.i === c.j ? t('（正样本）', ' (positive pair)') : t('（负样本）', ' (negative pair)');
        status.text(`${IMAGES[c.i]?.[lang]} × ${TEXTS[c.j]?.[lang]}: ${kind} ${f2(c.v)}${pair}`);
      };
      // Colours live on the two groups and are inherited by every cell.
      rects
        .selectAll<SVGRectElement, (typeof cells)[number]>('rect')
        .data(cells)
        .join('rect')
        .attr('x', (c) => c.j * CELL)
        .attr('y', (c) => c.i * CELL)
        .attr('width', CELL - 2)
        .attr('height', CELL - 2)
        .attr('fill-opacity', (c) => color(c.v))
        .attr('stroke-width', (c) => (c.i === c.j ? 2 : 0))
        .on('mouseenter', (_event, c) => hover(c))
        .on('mouseleave', () => status.text(summary));
      labels
        .selectAll<SVGTextElement, (typeof cells)[number]>('text')
        .data(cells)
        .join('text')
        .attr('x', (c) => c.j * CELL + CELL / 2 - 1)
        .attr('y', (c) => c.i * CELL + CELL / 2 + 4)
        .text((c) => f2(c.v));
    }

    draw();
    return () => root.remove();
  },
};
