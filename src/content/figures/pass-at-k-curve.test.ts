import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './pass-at-k-curve';

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

function slide(input: HTMLInputElement, value: number): void {
  input.value = String(value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('pass-at-k-curve figure', () => {
  it('starts at n = 10, c = 3 with one bar per k and pass@1 = 30%', () => {
    const el = mount();
    expect(el.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(el.querySelectorAll('svg > g:last-of-type rect')).toHaveLength(10);
    expect(el.querySelector('p')?.textContent).toBe('n = 10, c = 3, k = 1: pass@1 = 30.0%');
  });

  it('hovering the k = 5 bar shows 1 − 21/252 = 91.7%', () => {
    const el = mount();
    el.querySelectorAll('svg > g:last-of-type rect')[4]?.dispatchEvent(new MouseEvent('mouseenter'));
    expect(el.querySelector('p')?.textContent).toBe('n = 10, c = 3, k = 5: pass@5 = 91.7%');
  });

  it('lowering n below c clamps c to n', () => {
    const el = mount();
    const [n, c] = Array.from(el.querySelectorAll('input[type=range]')) as HTMLInputElement[];
    slide(n as HTMLInputElement, 2);
    expect((c as HTMLInputElement).value).toBe('2');
    expect(el.querySelectorAll('svg > g:last-of-type rect')).toHaveLength(2);
    expect(el.querySelector('p')?.textContent).toBe('n = 2, c = 2, k = 1: pass@1 = 100.0%');
  });
});
