import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './transformer-block';
import { PARTS } from './transformer-block-parts';

// jsdom rendering can take seconds on a busy 2-core CI machine; the default 5 s is too tight.
describe('transformer-block figure', { timeout: 30_000 }, () => {
  let el: HTMLElement;
  afterEach(() => el.remove());
  const mount = (lang: 'zh' | 'en') => {
    el = document.createElement('div');
    document.body.append(el);
    return figure.render(el, lang);
  };
  const part = (label: string) =>
    [...el.querySelectorAll<SVGGElement>('svg g[tabindex="0"]')].find((g) => g.getAttribute('aria-label')?.startsWith(label))!;
  const panel = () => [...el.querySelectorAll('div[aria-live] > *')].map((n) => n.textContent);
  const chooseDecoder = () => {
    const radio = el.querySelector<HTMLInputElement>('input[value="decoder"]')!;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
  };

  it('draws every part as a focusable, labelled element and starts with the model total', () => {
    mount('en');
    expect(el.querySelector('svg')!.getAttribute('role')).toBe('img');
    expect(el.querySelectorAll('svg g[tabindex="0"]')).toHaveLength(PARTS.length);
    expect(panel()[0]).toBe('BERT-base: 109,482,240 parameters');
  });

  it('hovering the feed-forward network explains it with its share of the parameters', () => {
    mount('en');
    part('Feed-forward').dispatchEvent(new MouseEvent('mouseenter'));
    const [title, text, params] = panel();
    expect(title).toBe('Feed-forward 768 → 3072 → 768');
    expect(text).toContain('two-thirds');
    // 12 · 4,722,432 = 56,669,184 of 109,482,240
    expect(params).toBe('56,669,184 parameters in BERT-base, 51.8% of the total.');
    part('Feed-forward').dispatchEvent(new MouseEvent('mouseleave'));
    expect(panel()[0]).toBe('BERT-base: 109,482,240 parameters');
  });

  it('switching to decoder-only masks attention and changes the totals and labels', () => {
    mount('en');
    chooseDecoder();
    expect(part('Masked multi-head self-attention')).toBeDefined();
    expect(panel()[0]).toBe('GPT-2 small: 124,439,808 parameters');
    const cells = [...el.querySelectorAll('svg rect[width="11"]')];
    expect(cells).toHaveLength(16);
    // a 4×4 causal mask hides the 6 cells above the diagonal
    expect(cells.filter((c) => c.getAttribute('fill') === 'var(--bg)')).toHaveLength(6);
    part('Output').dispatchEvent(new FocusEvent('focus'));
    expect(panel()[1]).toContain('50,257');
  });

  it('render(el, "zh") labels the parts in Chinese', () => {
    mount('zh');
    expect(part('多头自注意力')).toBeDefined();
    part('输入').dispatchEvent(new FocusEvent('focus'));
    expect(panel()[2]).toBe('没有可学习的参数。');
  });

  it('the cleanup function removes everything it drew', () => {
    mount('en')();
    expect(el.childNodes).toHaveLength(0);
  });
});
