import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './attention-example';

// jsdom rendering can take seconds on a busy 2-core CI machine; the default 5 s is too tight.
describe('attention-example figure', { timeout: 30_000 }, () => {
  let el: HTMLElement;
  afterEach(() => el.remove());
  const mount = (lang: 'zh' | 'en') => {
    el = document.createElement('div');
    document.body.append(el);
    return figure.render(el, lang);
  };
  const cells = () => [...el.querySelectorAll<SVGGElement>('svg g[tabindex="0"]')];
  const values = () => cells().map((c) => c.textContent);
  const setToggle = (name: string, checked: boolean) => {
    const box = el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    box.checked = checked;
    box.dispatchEvent(new Event('change'));
  };

  it('shows the lesson\'s 3×3 weights and output vectors', () => {
    mount('en');
    expect(values()).toEqual(['0.401', '0.198', '0.401', '0.198', '0.401', '0.401', '0.045', '0.768', '0.187']);
    const text = el.querySelector('svg')!.textContent!;
    expect(text).toContain('→ [0.232, 1.723]');
    expect(el.querySelector('svg')!.getAttribute('role')).toBe('img');
  });

  it('hovering a cell spells out its dot product, scaling and weight', () => {
    mount('en');
    const satCat = cells()[7]!;
    satCat.dispatchEvent(new MouseEvent('mouseenter'));
    expect(el.querySelector('p')!.textContent).toBe(
      'q(sat) · k(cat) = 2×2 + 0×0 = 4 ÷ √2 = 2.83; after the softmax over the row, "sat" gives "cat" a weight of 0.768.',
    );
  });

  it('turning off the √d_k scaling sharpens the weights', () => {
    mount('en');
    setToggle('scale', false);
    expect(values().slice(6)).toEqual(['0.016', '0.867', '0.117']);
  });

  it('the causal mask zeroes the three cells above the diagonal and explains why', () => {
    mount('zh');
    setToggle('causal', true);
    expect(values()).toEqual(['1.000', '0', '0', '0.330', '0.670', '0', '0.045', '0.768', '0.187']);
    cells()[1]!.dispatchEvent(new FocusEvent('focus'));
    expect(el.querySelector('p')!.textContent).toContain('因果掩码');
  });

  it('the cleanup function removes everything it drew', () => {
    mount('en')();
    expect(el.childNodes).toHaveLength(0);
  });
});
