import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './ner-span-scoring';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  document.body.replaceChildren();
});

function mount(): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  cleanup = figure.render(el, 'en');
  return el;
}

const scores = (el: HTMLElement) => el.querySelector('p')?.textContent;
const predTag = (el: HTMLElement, i: number) => el.querySelectorAll('text.pred')[i] as SVGTextElement;

describe('ner-span-scoring figure', () => {
  it('starts with a boundary error: 2 of 3 entities exact, P = R = F1 = 66.7%', () => {
    const el = mount();
    expect(el.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(scores(el)).toBe('TP 2  FP 1  FN 1   P 66.7%  R 66.7%  F1 66.7%');
    expect(el.querySelectorAll('rect.gold-span')).toHaveLength(3);
    expect(el.querySelectorAll('rect.pred-span')).toHaveLength(3);
  });

  it('fixing the boundary by clicking makes every span match', () => {
    const el = mount();
    predTag(el, 3).dispatchEvent(new MouseEvent('click')); // O → B-Disease
    predTag(el, 4).dispatchEvent(new MouseEvent('click')); // B-Disease → I-Disease
    expect(predTag(el, 4).textContent).toBe('I-Dis');
    expect(scores(el)).toBe('TP 3  FP 0  FN 0   P 100.0%  R 100.0%  F1 100.0%');
  });

  it('the keyboard cycles a tag too, and a wrong type costs both precision and recall', () => {
    const el = mount();
    const first = predTag(el, 0);
    for (let k = 0; k < 3; k++) first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    // B-Chemical → I-Chemical → O → B-Disease
    expect(first.textContent).toBe('B-Dis');
    expect(scores(el)).toBe('TP 1  FP 2  FN 2   P 33.3%  R 33.3%  F1 33.3%');
  });
});
