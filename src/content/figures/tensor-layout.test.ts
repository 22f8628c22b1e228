import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './tensor-layout';

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

describe('tensor-layout figure', () => {
  it('draws 2 heads of 4 × 4 cells twice (matrices and flat strip) in an accessible SVG', () => {
    const el = mount();
    const svg = el.querySelector('svg') as SVGSVGElement;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')?.textContent).toContain('[batch, heads, seq, seq]');
    expect(svg.querySelectorAll('rect')).toHaveLength(2 * 2 * 4 * 4);
  });

  it('hovering a matrix cell shows its coordinates and flat index', () => {
    const el = mount();
    const cells = el.querySelectorAll('svg > g:first-of-type rect');
    // head 1, row 2, column 3 of a [1, 2, 4, 4] tensor: ((0·2 + 1)·4 + 2)·4 + 3 = 27
    cells[27]?.dispatchEvent(new MouseEvent('mouseenter'));
    expect(el.querySelector('p')?.textContent).toBe('[0, 1, 2, 3] → ((0·2 + 1)·4 + 2)·4 + 3 = 27');
  });

  it('the sliders change the shape, and the arrow keys move along the flat buffer', () => {
    const el = mount();
    const [heads, seq] = Array.from(el.querySelectorAll('input[type=range]')) as HTMLInputElement[];
    slide(heads as HTMLInputElement, 3);
    slide(seq as HTMLInputElement, 5);
    expect(el.querySelectorAll('svg rect')).toHaveLength(2 * 3 * 5 * 5);
    const svg = el.querySelector('svg') as SVGSVGElement;
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    expect(el.querySelector('p')?.textContent).toBe('[0, 0, 1, 1] → ((0·3 + 0)·5 + 1)·5 + 1 = 6');
  });
});
