import * as d3 from 'd3';
import {
  CHINCHILLA_TOKENS_PER_PARAM,
  GPUS,
  TRAINED_MODELS,
  chinchillaTokens,
  formatBytes,
  formatCount,
  formatScientific,
  trainingFlops,
  trainingSeconds,
  trainingStateBytes,
  type TrainedModel,
} from './training-budget';
import type { LessonFigure } from './types';

const WIDTH = 640;
const HEIGHT = 360;
const M = { top: 14, right: 20, bottom: 44, left: 64 };
const N_RANGE: [number, number] = [1e8, 1e12];
const D_RANGE: [number, number] = [1e10, 1e14];
const ISO_COMPUTE = [1e21, 1e23, 1e25];
/** Label offsets where published models sit close together (default: to the right of the dot). */
const LABEL_AT: Record<string, { dx: number; dy: number; end?: boolean }> = {
  'GPT-3': { dx: -8, dy: 4, end: true },
  'LLaMA-65B': { dx: -8, dy: 4, end: true },
  Chinchilla: { dx: 7, dy: 12 },
  'Llama 2 70B': { dx: 7, dy: -3 },
  'Qwen2.5-7B': { dx: 7, dy: -2 },
  'Llama 3 8B': { dx: 7, dy: 11 },
};
const UTILISATION = 0.4;
let instances = 0;

export const figure: LessonFigure = {
  id: 'training-compute',
  title: { zh: '参数、数据与训练算力：C ≈ 6ND', en: 'Parameters, data and training compute: C ≈ 6ND' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const id = `training-compute-${++instances}`;
    const state = { params: 175e9, tokens: 300e9, gpu: GPUS[1]!, gpus: 1024 };

    const root = d3.select(el).append('div').attr('class', 'figure-training-compute');
    const controls = root.append('div').style('display', 'flex').style('flex-wrap', 'wrap').style('gap', '0.5rem 1.25rem');
    const slider = (label: string, min: number, max: number, step: number, value: number, onInput: (v: number) => void) => {
      const wrap = controls.append('label').style('display', 'flex').style('align-items', 'center').style('gap', '0.4rem');
      wrap.append('span').text(label);
      const input = wrap.append('input').attr('type', 'range').attr('min', min).attr('max', max).attr('step', step)
        .property('value', value).on('input', (e: Event) => { onInput(Number((e.target as HTMLInputElement).value)); update(); });
      const out = wrap.append('output').style('min-width', '6ch');
      return { input, out };
    };
    const nCtl = slider(t('参数 N', 'Parameters N'), 8, 12, 0.05, Math.log10(state.params), (v) => { state.params = 10 ** v; });
    const dCtl = slider(t('训练 token 数 D', 'Training tokens D'), 10, 14, 0.05, Math.log10(state.tokens), (v) => { state.tokens = 10 ** v; });
    const gCtl = slider(t('GPU 数量', 'GPUs'), 0, 14, 1, Math.log2(state.gpus), (v) => { state.gpus = 2 ** v; });
    const gpuLabel = controls.append('label').style('display', 'flex').style('align-items', 'center').style('gap', '0.4rem');
    gpuLabel.append('span').text('GPU');
    gpuLabel.append('select').attr('id', `${id}-gpu`)
      .on('change', (e: Event) => { state.gpu = GPUS[Number((e.target as HTMLSelectElement).value)]!; update(); })
      .selectAll('option').data(GPUS).join('option')
      .attr('value', (_g, i) => i).attr('selected', (g) => (g === state.gpu ? '' : null)).text((g) => g.name);

    const svg = root.append('svg').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('width', '100%').attr('role', 'img')
      .attr('aria-label', t(
        '对数坐标图：横轴为参数量，纵轴为训练 token 数，标出 Chinchilla 最优线（每参数 20 个 token）、等算力线以及若干真实模型。',
        'Log–log chart of parameters (x) against training tokens (y), with the Chinchilla-optimal line (20 tokens per parameter), lines of equal compute and several real models.',
      ))
      .style('font', '11px sans-serif').style('color', 'var(--fg)');
    svg.append('title').text(figure.title[lang]);
    const x = d3.scaleLog().domain(N_RANGE).range([M.left, WIDTH - M.right]);
    const y = d3.scaleLog().domain(D_RANGE).range([HEIGHT - M.bottom, M.top]);
    const clip = `${id}-clip`;
    svg.append('clipPath').attr('id', clip).append('rect')
      .attr('x', M.left).attr('y', M.top).attr('width', WIDTH - M.left - M.right).attr('height', HEIGHT - M.top - M.bottom);

    const tick = (v: d3.NumberValue) => formatCount(Number(v), lang);
    svg.append('g').attr('transform', `translate(0, ${HEIGHT - M.bottom})`).call(d3.axisBottom(x).ticks(4, tick))
      .call((g) => g.selectAll('line, path').attr('stroke', 'var(--muted)'));
    svg.append('g').attr('transform', `translate(${M.left}, 0)`).call(d3.axisLeft(y).ticks(4, tick))
      .call((g) => g.selectAll('line, path').attr('stroke', 'var(--muted)'));
    svg.selectAll('g text').attr('fill', 'var(--muted)');
    svg.append('text').attr('x', (M.left + WIDTH - M.right) / 2).attr('y', HEIGHT - 8).attr('text-anchor', 'middle')
      .attr('fill', 'currentColor').text(t('参数量 N', 'Parameters N'));
    svg.append('text').attr('transform', `translate(14, ${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle').attr('fill', 'currentColor').text(t('训练 token 数 D', 'Training tokens D'));

    const lines = svg.append('g').attr('clip-path', `url(#${clip})`);
    const line = (d: (n: number) => number) => `M${x(N_RANGE[0])},${y(d(N_RANGE[0]))}L${x(N_RANGE[1])},${y(d(N_RANGE[1]))}`;
    for (const c of ISO_COMPUTE) {
      const d = (n: number) => c / (6 * n);
      lines.append('path').attr('d', line(d)).attr('stroke', 'var(--border)').attr('stroke-dasharray', '4 3').attr('fill', 'none');
      const n = Math.max(N_RANGE[0], c / (6 * D_RANGE[1])) * 1.4; // label near the line's upper-left end
      const angle = (Math.atan2(y(d(n * 10)) - y(d(n)), x(n * 10) - x(n)) * 180) / Math.PI;
      lines.append('text').attr('transform', `translate(${x(n)}, ${y(d(n)) - 4}) rotate(${angle})`)
        .attr('fill', 'var(--muted)').text(`C = ${formatScientific(c, 1)} FLOPs`);
    }
    lines.append('path').attr('d', line(chinchillaTokens)).attr('stroke', 'var(--accent)').attr('stroke-width', 2).attr('fill', 'none');
    const [n0, n1] = [1.5e9, 1e11]; // label the optimal line along its own slope
    const angle = (Math.atan2(y(chinchillaTokens(n1)) - y(chinchillaTokens(n0)), x(n1) - x(n0)) * 180) / Math.PI;
    lines.append('text').attr('transform', `translate(${x(n0)}, ${y(chinchillaTokens(n0)) - 6}) rotate(${angle})`).attr('fill', 'var(--accent)')
      .text(t('Chinchilla 最优：D ≈ 20N', 'Chinchilla-optimal: D ≈ 20N'));

    const caption = root.append('p').attr('aria-live', 'polite').style('margin', '0.25rem 0 0').style('color', 'var(--muted)');
    const readout = root.append('p').style('margin', '0.25rem 0 0');

    const models = svg.append('g').selectAll('g').data(TRAINED_MODELS).join('g').attr('tabindex', 0).style('cursor', 'pointer')
      .attr('aria-label', (m) => `${m.name}: N = ${formatCount(m.params, lang)}, D = ${formatCount(m.tokens, lang)}`);
    models.append('circle').attr('cx', (m) => x(m.params)).attr('cy', (m) => y(m.tokens)).attr('r', 4.5).attr('fill', 'var(--accent-2)');
    const at = (m: TrainedModel) => LABEL_AT[m.name] ?? { dx: 7, dy: 4 };
    models.append('text').attr('x', (m) => x(m.params) + at(m).dx).attr('y', (m) => y(m.tokens) + at(m).dy)
      .attr('text-anchor', (m) => (at(m).end ? 'end' : 'start')).attr('fill', 'currentColor')
      .attr('stroke', 'var(--bg)').attr('stroke-width', 3).attr('paint-order', 'stroke').text((m) => m.name);
    const describe = (m: TrainedModel) => {
      const ratio = m.tokens / m.params;
      return t(
        `${m.name}：${formatCount(m.params, 'zh')} 参数，${formatCount(m.tokens, 'zh')} token，每参数 ${d3.format('.3~r')(ratio)} 个 token（${ratio < CHINCHILLA_TOKENS_PER_PARAM ? '低于' : '高于'} Chinchilla 最优的 20）。点击可载入。`,
        `${m.name}: ${formatCount(m.params, 'en')} parameters, ${formatCount(m.tokens, 'en')} tokens, ${d3.format('.3~r')(ratio)} tokens per parameter (${ratio < CHINCHILLA_TOKENS_PER_PARAM ? 'below' : 'above'} the Chinchilla optimum of 20). Click to load it.`,
      );
    };
    const hint = t('移到模型上看它的数据量是否“够”；点击或按回车把它载入滑块。', 'Hover a model to see whether it saw "enough" data; click or press Enter to load it into the sliders.');
    caption.text(hint);
    const load = (m: TrainedModel) => {
      state.params = m.params;
      state.tokens = m.tokens;
      nCtl.input.property('value', Math.log10(m.params));
      dCtl.input.property('value', Math.log10(m.tokens));
      update();
    };
    models.on('mouseenter focus', (_e, m) => caption.text(describe(m))).on('mouseleave blur', () => caption.text(hint))
      .on('click', (_e, m) => load(m))
      .on('keydown', (e: KeyboardEvent, m) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); load(m); } });

    const marker = svg.append('g').attr('pointer-events', 'none');
    marker.append('circle').attr('r', 7).attr('fill', 'none').attr('stroke', 'var(--fg)').attr('stroke-width', 2);
    marker.append('circle').attr('r', 2).attr('fill', 'var(--fg)');

    function update() {
      const { params, tokens, gpu, gpus } = state;
      nCtl.out.text(formatCount(params, lang));
      dCtl.out.text(formatCount(tokens, lang));
      gCtl.out.text(d3.format(',')(gpus));
      marker.attr('transform', `translate(${x(params)}, ${y(tokens)})`);
      const flops = trainingFlops(params, tokens);
      const days = trainingSeconds(flops, { gpus, peakFlops: gpu.peakFlops, utilisation: UTILISATION }) / 86_400;
      const time = days < 1 ? t(`${d3.format('.2~r')(days * 24)} 小时`, `${d3.format('.2~r')(days * 24)} hours`)
        : days < 730 ? t(`${d3.format(',.3~r')(days)} 天`, `${d3.format(',.3~r')(days)} days`)
        : t(`${d3.format(',.3~r')(days / 365)} 年`, `${d3.format(',.3~r')(days / 365)} years`);
      const state16 = trainingStateBytes(params);
      const minGpus = Math.ceil(state16 / gpu.memoryBytes);
      readout.text(t(
        `算力 C = 6ND ≈ ${formatScientific(flops)} 次浮点运算；每参数 ${d3.format('.3~r')(tokens / params)} 个 token。在 ${d3.format(',')(gpus)} 块 ${gpu.name} 上按 40% 利用率约需 ${time}。训练状态（每参数 16 字节）约 ${formatBytes(state16)}，至少要 ${minGpus} 块 ${gpu.memoryBytes / 1e9} GB 的卡才放得下（还未算激活值）。`,
        `Compute C = 6ND ≈ ${formatScientific(flops)} FLOPs; ${d3.format('.3~r')(tokens / params)} tokens per parameter. On ${d3.format(',')(gpus)} × ${gpu.name} at 40% utilisation: about ${time}. Training state (16 bytes per parameter) ≈ ${formatBytes(state16)} — at least ${minGpus} GPUs of ${gpu.memoryBytes / 1e9} GB just to hold it, before activations.`,
      ));
    }
    update();
    return () => root.remove();
  },
};
