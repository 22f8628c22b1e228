import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './rag-pipeline-doc';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  document.body.replaceChildren();
});

function mount(lang: 'zh' | 'en'): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  cleanup = figure.render(el, lang);
  return el;
}

function set(el: HTMLElement, size: number, overlap: number): void {
  const [sizeInput, overlapInput] = Array.from(el.querySelectorAll('input[type=range]')) as HTMLInputElement[];
  for (const [input, value] of [[sizeInput, size], [overlapInput, overlap]] as const) {
    (input as HTMLInputElement).value = String(value);
    input?.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

const status = (el: HTMLElement) => el.querySelectorAll('p')[1]?.textContent ?? '';
const scores = (el: HTMLElement) => Array.from(el.querySelectorAll('text.score')).map((t) => Number(t.textContent));

describe('rag-pipeline-doc figure', () => {
  it('starts with 12-word chunks and no overlap, which cut the answer sentence', () => {
    const el = mount('en');
    expect(el.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(el.querySelectorAll('g.chunk')).toHaveLength(7);
    expect(scores(el)).toEqual([0, 0, 3, 1, 0, 0, 0]);
    expect(status(el)).toMatch(/^Neither retrieved chunk/);
  });

  it('30-word chunks overlapping by 10 retrieve the whole answer sentence', () => {
    const el = mount('en');
    set(el, 30, 10);
    expect(el.querySelectorAll('g.chunk')).toHaveLength(4);
    expect(status(el)).toMatch(/^One of the 2 retrieved chunks/);
    expect(el.querySelector('blockquote')?.textContent).toContain('at least three working days before your medicine runs out.');
  });

  it('the same chunk size without overlap loses it again', () => {
    const el = mount('en');
    set(el, 30, 0);
    expect(status(el)).toMatch(/^Neither/);
  });

  it('the overlap can never reach the chunk size', () => {
    const el = mount('en');
    set(el, 6, 10);
    const overlap = el.querySelectorAll('input[type=range]')[1] as HTMLInputElement;
    expect(Number(overlap.value)).toBeLessThan(6);
  });

  it('in Chinese the segmented words are joined without spaces', () => {
    const el = mount('zh');
    set(el, 20, 0);
    expect(status(el)).toMatch(/有一个完整包含答案句/);
    expect(el.querySelector('blockquote')?.textContent).toBe('休息。续方须知：请至少在药用完前三个工作日通过患者门户申请续方。');
  });
});
