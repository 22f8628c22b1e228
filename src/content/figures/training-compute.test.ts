import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './training-compute';
import { TRAINED_MODELS } from './training-budget';

// jsdom rendering can take seconds on a busy 2-core CI machine; the default 5 s is too tight.
describe('training-compute figure', { timeout: 30_000 }, () => {
  let el: HTMLElement;
  afterEach(() => el.remove());
  const mount = (lang: 'zh' | 'en') => {
    el = document.createElement('div');
    document.body.append(el);
    return figure.render(el, lang);
  };
  const readout = () => el.querySelectorAll('p')[1]!.textContent ?? '';
  const outputs = () => [...el.querySelectorAll('output')].map((o) => o.textContent);

  it('opens on GPT-3 with the lesson\'s worked numbers', () => {
    mount('en');
    expect(outputs()).toEqual(['175B', '300B', '1,024']);
    const text = readout();
    expect(text).toContain('3.15 × 10²³ FLOPs');
    expect(text).toContain('1.71 tokens per parameter');
    expect(text).toContain('about 28.5 days');
    expect(text).toContain('2.8 TB');
    expect(text).toContain('at least 35 GPUs of 80 GB');
  });

  it('draws an accessible chart with one focusable point per published model', () => {
    mount('en');
    const svg = el.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('viewBox')).toBe('0 0 640 360');
    const points = el.querySelectorAll('svg g[tabindex="0"]');
    expect([...points].map((p) => p.textContent)).toEqual(TRAINED_MODELS.map((m) => m.name));
  });

  it('clicking a model loads it into the sliders and the readout', () => {
    mount('en');
    const chinchilla = [...el.querySelectorAll<SVGGElement>('svg g[tabindex="0"]')].find((g) => g.textContent === 'Chinchilla')!;
    chinchilla.dispatchEvent(new MouseEvent('click'));
    expect(outputs().slice(0, 2)).toEqual(['70B', '1.4T']);
    expect(readout()).toContain('5.88 × 10²³ FLOPs; 20 tokens per parameter');
    expect(el.querySelectorAll<HTMLInputElement>('input[type="range"]')[0]!.value).toBe(String(Math.log10(70e9)));
  });

  it('a faster GPU shortens the training time', () => {
    mount('en');
    const select = el.querySelector('select')!;
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    // 3.15e23 / (1024 · 989e12 · 0.4) s = 9.0 days
    expect(readout()).toContain('H100 SXM (2022) at 40% utilisation: about 9 days');
  });

  it('render(el, "zh") writes the readout in Chinese units', () => {
    mount('zh');
    expect(outputs().slice(0, 2)).toEqual(['1750 亿', '3000 亿']);
    expect(readout()).toContain('约需 28.5 天');
  });

  it('the cleanup function removes everything it drew', () => {
    mount('en')();
    expect(el.childNodes).toHaveLength(0);
  });
});
