import * as d3 from 'd3';
import { ERAS, EVENTS, TIMELINE_END, TIMELINE_START, WINTERS, type EventKind, type TimelineEvent } from './ai-timeline-events';
import { assignLanes, estimateTextWidth } from './timeline-lanes';
import type { LessonFigure } from './types';

const WIDTH = 760;
const MARGIN = 14;
const FONT = 11;
const LANE = 15;
/** The scale is piecewise linear: it widens at each break, where events crowd together. */
const BREAKS = [2008, 2020];
const BREAK_AT = [0.26, 0.52]; // fraction of the width where each break sits
const TICKS = [1950, 1970, 1990, 2010, 2015, 2020, 2021, 2022, 2023, 2024, 2025];

const COLOR: Record<EventKind, string> = { idea: 'var(--accent)', system: 'var(--accent-2)', open: 'var(--accent-2)' };
const KIND_LABEL: Record<EventKind, { zh: string; en: string }> = {
  idea: { zh: '研究成果', en: 'Research result' },
  system: { zh: '系统 / 产品 / 闭源模型', en: 'System, product or closed model' },
  open: { zh: '开放权重模型', en: 'Open-weights model' },
};

interface Placed {
  event: TimelineEvent;
  x: number;
  anchorEnd: boolean;
  lane: number;
}

/** Pack one side's labels into lanes; labels near the right edge grow leftwards. */
function place(events: TimelineEvent[], x: (d: number) => number, lang: 'zh' | 'en'): Placed[] {
  const boxes = events.map((event) => {
    const px = x(event.date);
    const w = estimateTextWidth(event.label[lang], FONT);
    const anchorEnd = px + w > WIDTH - MARGIN;
    return { event, x: px, anchorEnd, start: anchorEnd ? px - w - 2 : px - 2, end: anchorEnd ? px + 2 : px + w };
  });
  const lanes = assignLanes(boxes, 6);
  return boxes.map((b, i) => ({ event: b.event, x: b.x, anchorEnd: b.anchorEnd, lane: lanes[i]! }));
}

export const figure: LessonFigure = {
  id: 'ai-timeline',
  title: { zh: '人工智能发展时间线：从符号主义到大模型', en: 'A timeline of AI: from symbolic AI to large models' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    const inner = WIDTH - 2 * MARGIN;
    const x = d3
      .scaleLinear()
      .domain([TIMELINE_START, ...BREAKS, TIMELINE_END])
      .range([MARGIN, ...BREAK_AT.map((f) => MARGIN + f * inner), WIDTH - MARGIN]);

    const above = place(EVENTS.filter((e) => e.kind === 'idea'), x, lang);
    const below = place(EVENTS.filter((e) => e.kind !== 'idea'), x, lang);
    const lanesAbove = d3.max(above, (p) => p.lane + 1) ?? 0;
    const lanesBelow = d3.max(below, (p) => p.lane + 1) ?? 0;
    const axisY = 26 + lanesAbove * LANE + 8;
    const belowTop = axisY + 40;
    const legendY = belowTop + lanesBelow * LANE + 16;
    const height = legendY + 14;
    const labelY = (p: Placed, up: boolean) => (up ? axisY - 14 - p.lane * LANE : belowTop + p.lane * LANE);

    const root = d3.select(el).append('div').attr('class', 'figure-ai-timeline');
    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${WIDTH} ${height}`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('aria-label', t(
        `人工智能时间线，1950 年至 2025 年，共 ${EVENTS.length} 个事件；可用 Tab 键逐个查看说明。`,
        `Timeline of AI from 1950 to 2025 with ${EVENTS.length} events; press Tab to step through their notes.`,
      ))
      .style('font', `${FONT}px sans-serif`)
      .style('color', 'var(--fg)');
    svg.append('title').text(figure.title[lang]);

    const eras = svg.append('g');
    ERAS.forEach((era, i) => {
      const g = eras.append('g');
      g.append('rect')
        .attr('x', x(era.from)).attr('width', x(era.to) - x(era.from))
        .attr('y', 0).attr('height', legendY - 12)
        .attr('fill', i % 2 ? 'var(--border)' : 'var(--bg)').attr('opacity', 0.35);
      g.append('text').attr('x', x(era.from) + 4).attr('y', 12).attr('fill', 'var(--muted)').text(era.label[lang]);
    });

    const axis = svg.append('g').attr('transform', `translate(0, ${axisY})`);
    axis.append('line').attr('x1', MARGIN).attr('x2', WIDTH - MARGIN).attr('stroke', 'var(--muted)');
    axis.selectAll('text.tick').data(TICKS).join('text')
      .attr('class', 'tick').attr('x', (d) => x(d)).attr('y', 24).attr('text-anchor', 'middle')
      .attr('fill', 'var(--muted)').text((d) => d);
    axis.selectAll('path.break').data(BREAKS).join('path')
      .attr('class', 'break').attr('d', (d) => `M${x(d) - 5},7 l4,-14 M${x(d) + 1},7 l4,-14`)
      .attr('stroke', 'var(--muted)').attr('fill', 'none')
      .append('title').text((d) => t(`${d} 年之后刻度放大`, `The scale widens after ${d}`));

    const caption = root.append('p').attr('aria-live', 'polite').style('color', 'var(--muted)').style('min-height', '2.6em').style('margin', '0.25rem 0 0');
    const hint = t('把鼠标移到事件上，或用 Tab 键逐个聚焦，查看一句话说明。', 'Hover over an event, or Tab through them, for a one-line note.');
    caption.text(hint);

    const winters = axis.selectAll('g.winter').data(WINTERS).join('g').attr('class', 'winter').attr('tabindex', 0)
      .attr('aria-label', (w) => `${w.label[lang]} ${w.from}–${w.to}`);
    winters.append('rect')
      .attr('x', (w) => x(w.from)).attr('width', (w) => x(w.to) - x(w.from)).attr('y', -4).attr('height', 8)
      .attr('fill', 'var(--muted)').attr('opacity', 0.5);
    winters
      .on('mouseenter focus', (_e, w) => caption.text(t(
        `${w.label.zh}（${w.from}–${w.to}）：期望落空，经费和关注骤减。`,
        `${w.label.en} (${w.from}–${w.to}): expectations were not met and funding dried up.`,
      )))
      .on('mouseleave blur', () => caption.text(hint));

    const all = [...above.map((p) => ({ p, up: true })), ...below.map((p) => ({ p, up: false }))];
    const events = svg.append('g').selectAll('g.event').data(all).join('g')
      .attr('class', 'event').attr('tabindex', 0).style('cursor', 'default').style('outline', 'none')
      .attr('aria-label', (d) => d.p.event.note[lang]);
    events.append('line')
      .attr('x1', (d) => d.p.x).attr('x2', (d) => d.p.x)
      .attr('y1', axisY).attr('y2', (d) => (d.up ? labelY(d.p, true) + 3 : labelY(d.p, false) - 10))
      .attr('stroke', 'var(--border)');
    events.append('circle')
      .attr('cx', (d) => d.p.x).attr('cy', axisY).attr('r', 4)
      .attr('fill', (d) => (d.p.event.kind === 'open' ? 'var(--bg)' : COLOR[d.p.event.kind]))
      .attr('stroke', (d) => COLOR[d.p.event.kind]).attr('stroke-width', 1.5);
    events.append('text')
      .attr('x', (d) => d.p.x + (d.p.anchorEnd ? 2 : -2)).attr('y', (d) => labelY(d.p, d.up))
      .attr('text-anchor', (d) => (d.p.anchorEnd ? 'end' : 'start'))
      .attr('fill', 'currentColor').attr('stroke', 'var(--bg)').attr('stroke-width', 3).attr('paint-order', 'stroke')
      .text((d) => d.p.event.label[lang]);

    const highlight = (active: TimelineEvent | null) => {
      events.attr('opacity', (d) => (active === null || d.p.event === active ? 1 : 0.3))
        .select('text').attr('font-weight', (d) => (d.p.event === active ? 'bold' : null));
      events.select('circle').attr('r', (d) => (d.p.event === active ? 6 : 4));
      caption.text(active ? active.note[lang] : hint);
    };
    events
      .on('mouseenter focus', (_e, d) => highlight(d.p.event))
      .on('mouseleave blur', () => highlight(null));

    const legend = svg.append('g').attr('transform', `translate(${MARGIN}, ${legendY})`);
    let lx = 0;
    (['idea', 'system', 'open'] as const).forEach((kind) => {
      legend.append('circle').attr('cx', lx + 4).attr('cy', -4).attr('r', 4)
        .attr('fill', kind === 'open' ? 'var(--bg)' : COLOR[kind]).attr('stroke', COLOR[kind]).attr('stroke-width', 1.5);
      legend.append('text').attr('x', lx + 12).attr('y', 0).attr('fill', 'currentColor').text(KIND_LABEL[kind][lang]);
      lx += 24 + estimateTextWidth(KIND_LABEL[kind][lang], FONT);
    });
    legend.append('rect').attr('x', lx).attr('y', -8).attr('width', 16).attr('height', 8).attr('fill', 'var(--muted)').attr('opacity', 0.5);
    legend.append('text').attr('x', lx + 22).attr('y', 0).attr('fill', 'currentColor').text(t('AI 寒冬', 'AI winter'));

    return () => {
      root.remove();
    };
  },
};
