import * as d3 from 'd3';
import { preferenceLoss } from './preference-loss';
import { STAGES, type PipelineStage } from './training-pipeline-stages';
import type { LessonFigure } from './types';

const WIDTH = 640;
const CARD_W = 138;
const CARD_H = 64;
const GAP = (WIDTH - 4 - 4 * CARD_W) / 3; // 2 px margin each side for the selected card's stroke
const CURVE = { width: 640, height: 170, left: 46, right: 16, top: 12, bottom: 34 };
const DELTA_MAX = 4;
let instances = 0; // gives each mounted figure its own marker id

export const figure: LessonFigure = {
  id: 'training-pipeline',
  title: { zh: '从预训练到 RLHF：大模型的训练流程', en: 'From pretraining to RLHF: how a chat model is trained' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const f3 = d3.format('.3f');
    let selected: PipelineStage = STAGES[0]!;

    const root = d3.select(el).append('div').attr('class', 'figure-training-pipeline');
    const svg = root.append('svg').attr('viewBox', `0 0 ${WIDTH} ${CARD_H + 24}`).attr('width', '100%').attr('role', 'img')
      .attr('aria-label', t('训练流程四步：预训练、监督微调、奖励模型、强化学习（PPO）。', 'Four training steps: pretraining, supervised fine-tuning, reward model, reinforcement learning (PPO).'))
      .style('font', '12px sans-serif').style('color', 'var(--fg)');
    svg.append('title').text(figure.title[lang]);
    const arrowId = `training-pipeline-arrow-${++instances}`;
    svg.append('defs').append('marker').attr('id', arrowId).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto')
      .append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', 'var(--muted)');
    STAGES.slice(1).forEach((_s, i) => {
      const x = 2 + (i + 1) * (CARD_W + GAP);
      svg.append('path').attr('d', `M${x - GAP + 3},${12 + CARD_H / 2}H${x - 3}`).attr('stroke', 'var(--muted)').attr('marker-end', `url(#${arrowId})`);
    });
    const cards = svg.selectAll('g.stage').data(STAGES).join('g').attr('class', 'stage').attr('tabindex', 0)
      .attr('role', 'button').attr('aria-label', (s) => s.name[lang]).style('cursor', 'pointer')
      .attr('transform', (_s, i) => `translate(${2 + i * (CARD_W + GAP)}, 12)`);
    cards.append('rect').attr('width', CARD_W).attr('height', CARD_H).attr('rx', 8);
    cards.append('text').attr('x', CARD_W / 2).attr('y', 26).attr('text-anchor', 'middle').attr('font-weight', 'bold')
      .attr('fill', 'currentColor').text((s) => s.short[lang]);
    cards.append('text').attr('x', CARD_W / 2).attr('y', 46).attr('text-anchor', 'middle').attr('fill', 'var(--muted)')
      .text((s) => s.size[lang]);

    const panel = root.append('dl').attr('aria-live', 'polite').style('margin', '0.5rem 0').style('display', 'grid')
      .style('grid-template-columns', 'max-content 1fr').style('gap', '0.15rem 0.75rem');
    const rows = [
      { key: 'name', label: t('步骤', 'Step') },
      { key: 'data', label: t('数据', 'Data') },
      { key: 'objective', label: t('目标', 'Objective') },
      { key: 'example', label: t('例子', 'Example') },
      { key: 'produces', label: t('得到', 'Produces') },
    ] as const;
    const values = rows.map((r) => {
      panel.append('dt').style('color', 'var(--muted)').text(r.label);
      return panel.append('dd').style('margin', '0');
    });

    const select = (s: PipelineStage) => {
      selected = s;
      cards.select('rect').attr('fill', (d) => (d === selected ? 'var(--accent)' : 'var(--bg)')).attr('fill-opacity', (d) => (d === selected ? 0.15 : 1))
        .attr('stroke', (d) => (d === selected ? 'var(--accent)' : 'var(--border)')).attr('stroke-width', (d) => (d === selected ? 2 : 1));
      cards.attr('aria-pressed', (d) => String(d === selected));
      rows.forEach((r, i) => values[i]!.text(s[r.key][lang]));
    };
    cards.on('click focus mouseenter', (_e, s) => select(s))
      .on('keydown', (e: KeyboardEvent, s) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(s); } });
    select(selected);

    // The reward model's loss for one comparison, as a function of the score gap.
    const curveBox = root.append('div').style('border-top', '1px solid var(--border)').style('padding-top', '0.5rem');
    curveBox.append('div').style('font-weight', 'bold')
      .text(t('③ 奖励模型的损失：一对回答的 −log σ(Δ)', '③ The reward model\'s loss for one pair of answers: −log σ(Δ)'));
    const sliderLabel = curveBox.append('label').style('display', 'flex').style('gap', '0.5rem').style('align-items', 'center');
    sliderLabel.append('span').text(t('奖励差 Δ = r(更好) − r(更差)：', 'Score gap Δ = r(preferred) − r(rejected):'));
    const slider = sliderLabel.append('input').attr('type', 'range').attr('min', -DELTA_MAX).attr('max', DELTA_MAX).attr('step', 0.1).property('value', 0);
    const deltaOut = sliderLabel.append('output');
    const { width: W, height: H, left, right, top, bottom } = CURVE;
    const x = d3.scaleLinear().domain([-DELTA_MAX, DELTA_MAX]).range([left, W - right]);
    const y = d3.scaleLinear().domain([0, preferenceLoss(-DELTA_MAX).loss]).range([H - bottom, top]).nice();
    const curve = curveBox.append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('width', '100%').attr('role', 'img')
      .attr('aria-label', t('奖励模型损失 −log σ(Δ) 随 Δ 变化的曲线', 'Curve of the reward-model loss −log σ(Δ) against Δ'))
      .style('font', '11px sans-serif').style('color', 'var(--fg)');
    curve.append('g').attr('transform', `translate(0, ${H - bottom})`).call(d3.axisBottom(x).ticks(8));
    curve.append('g').attr('transform', `translate(${left}, 0)`).call(d3.axisLeft(y).ticks(4));
    curve.selectAll('g path, g line').attr('stroke', 'var(--muted)');
    curve.selectAll('g text').attr('fill', 'var(--muted)');
    curve.append('text').attr('x', W - right).attr('y', H - 4).attr('text-anchor', 'end').attr('fill', 'var(--muted)').text('Δ');
    curve.append('text').attr('x', left + 6).attr('y', top + 10).attr('fill', 'var(--muted)').text(t('损失 −log σ(Δ)', 'loss −log σ(Δ)'));
    curve.append('path').datum(d3.range(-DELTA_MAX, DELTA_MAX + 0.001, 0.05))
      .attr('d', d3.line<number>().x((d) => x(d)).y((d) => y(preferenceLoss(d).loss))).attr('fill', 'none').attr('stroke', 'var(--accent)').attr('stroke-width', 2);
    const dot = curve.append('circle').attr('r', 5).attr('fill', 'var(--accent-2)');
    const readout = curveBox.append('p').attr('aria-live', 'polite').style('margin', '0.2rem 0 0');

    const update = (delta: number) => {
      const { probability, loss } = preferenceLoss(delta);
      deltaOut.text(d3.format('+.1f')(delta));
      dot.attr('cx', x(delta)).attr('cy', y(loss));
      readout.text(t(
        `奖励模型认为更好的回答胜出的概率 σ(Δ) = ${f3(probability)}，这一对的损失 = ${f3(loss)}。${delta < 0 ? '排反了，损失很大，梯度会把两个分数拉开。' : delta === 0 ? '分不出好坏：损失为 ln 2。' : '排对了，分差越大损失越小。'}`,
        `The reward model gives the preferred answer a σ(Δ) = ${f3(probability)} chance of winning; this pair's loss = ${f3(loss)}. ${delta < 0 ? 'Ranked the wrong way round: a large loss, and the gradient pushes the scores apart.' : delta === 0 ? 'It cannot tell them apart: the loss is ln 2.' : 'Ranked correctly; the wider the gap, the smaller the loss.'}`,
      ));
    };
    slider.on('input', (e: Event) => update(Number((e.target as HTMLInputElement).value)));
    update(0);
    return () => root.remove();
  },
};
