import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './ai-timeline';
import { ERAS, EVENTS, TIMELINE_END, TIMELINE_START, WINTERS } from './ai-timeline-events';

describe('ai-timeline events', () => {
  it('EVENTS are in chronological order inside the timeline', () => {
    const dates = EVENTS.map((e) => e.date);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(TIMELINE_START);
    expect(Math.max(...dates)).toBeLessThanOrEqual(TIMELINE_END);
  });

  it('EVENTS have a distinct label and a note in both languages', () => {
    for (const e of EVENTS) {
      expect(e.label.zh.trim(), e.label.en).not.toBe('');
      expect(e.note.zh.trim(), e.label.en).not.toBe('');
      expect(e.note.en.trim(), e.label.en).not.toBe('');
    }
    expect(new Set(EVENTS.map((e) => e.label.en)).size).toBe(EVENTS.length);
  });

  it('ERAS tile the timeline without gaps and WINTERS lie inside it', () => {
    expect(ERAS[0]!.from).toBe(TIMELINE_START);
    expect(ERAS.at(-1)!.to).toBe(TIMELINE_END);
    ERAS.slice(1).forEach((era, i) => expect(era.from).toBe(ERAS[i]!.to));
    for (const w of WINTERS) expect(w.from >= TIMELINE_START && w.to <= TIMELINE_END && w.from < w.to).toBe(true);
  });
});

// jsdom rendering can take seconds on a busy 2-core CI machine; the default 5 s is too tight.
describe('ai-timeline figure', { timeout: 30_000 }, () => {
  let el: HTMLElement;
  afterEach(() => el.remove());
  const mount = (lang: 'zh' | 'en') => {
    el = document.createElement('div');
    document.body.append(el);
    return figure.render(el, lang);
  };

  it('render(el, "en") draws an accessible, responsive SVG with one focusable group per event', () => {
    mount('en');
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toContain(`${EVENTS.length} events`);
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 760 \d+(\.\d+)?$/);
    expect(svg.querySelector('title')!.textContent).toBe(figure.title.en);
    const groups = [...el.querySelectorAll('g.event')];
    expect(groups).toHaveLength(EVENTS.length);
    expect(groups.map((g) => g.querySelector('text')!.textContent).sort()).toEqual(EVENTS.map((e) => e.label.en).sort());
    expect(groups.every((g) => g.getAttribute('tabindex') === '0')).toBe(true);
  });

  it('render(el, "zh") labels events in Chinese', () => {
    mount('zh');
    const labels = [...el.querySelectorAll('g.event text')].map((n) => n.textContent);
    expect(labels).toContain('文心一言');
    expect(labels).toContain('缩放定律');
  });

  it('focusing an event shows its note in the caption, and blurring restores the hint', () => {
    mount('en');
    const caption = el.querySelector('p')!;
    const hint = caption.textContent;
    const chatgpt = [...el.querySelectorAll<SVGGElement>('g.event')].find((g) => g.textContent === 'ChatGPT')!;
    chatgpt.dispatchEvent(new FocusEvent('focus'));
    expect(caption.textContent).toBe(EVENTS.find((e) => e.label.en === 'ChatGPT')!.note.en);
    expect(chatgpt.getAttribute('opacity')).toBe('1');
    expect(el.querySelector('g.event:not([opacity="1"])')).not.toBeNull();
    chatgpt.dispatchEvent(new FocusEvent('blur'));
    expect(caption.textContent).toBe(hint);
  });

  it('the cleanup function removes everything it drew', () => {
    const cleanup = mount('en');
    cleanup();
    expect(el.childNodes).toHaveLength(0);
  });
});
