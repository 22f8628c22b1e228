import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './training-pipeline';
import { STAGES } from './training-pipeline-stages';

// jsdom rendering can take seconds on a busy 2-core CI machine; the default 5 s is too tight.
describe('training-pipeline figure', { timeout: 30_000 }, () => {
  let el: HTMLElement;
  afterEach(() => el.remove());
  const mount = (lang: 'zh' | 'en') => {
    el = document.createElement('div');
    document.body.append(el);
    return figure.render(el, lang);
  };
  const cards = () => [...el.querySelectorAll<SVGGElement>('g.stage')];
  const details = () => [...el.querySelectorAll('dd')].map((d) => d.textContent);
  const slide = (value: number) => {
    const input = el.querySelector<HTMLInputElement>('input[type="range"]')!;
    input.value = String(value);
    input.dispatchEvent(new Event('input'));
    return el.querySelectorAll('p')[0]!.textContent ?? '';
  };

  it('draws the four steps as buttons with pretraining selected first', () => {
    mount('en');
    expect(cards().map((c) => c.getAttribute('aria-label'))).toEqual(STAGES.map((s) => s.name.en));
    expect(cards().map((c) => c.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'false', 'false']);
    expect(details()[0]).toBe('① Pretraining');
  });

  it('clicking the reward-model step shows its data and objective', () => {
    mount('en');
    cards()[2]!.dispatchEvent(new MouseEvent('click'));
    expect(details()[1]).toContain('~33k prompts');
    expect(details()[2]).toBe('Score preferred answers higher: −log σ(r_w − r_l)');
    expect(cards()[2]!.getAttribute('aria-pressed')).toBe('true');
  });

  it('Enter on the PPO step shows the worked KL-penalised reward', () => {
    mount('en');
    cards()[3]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(details()[3]).toContain('so it earns 1.5 − 0.1 × 2 = 1.3');
  });

  it('the Δ slider moves along −log σ(Δ) with the lesson\'s numbers', () => {
    mount('en');
    expect(el.querySelectorAll('p')[0]!.textContent).toContain('σ(Δ) = 0.500 chance of winning; this pair\'s loss = 0.693');
    expect(slide(2)).toContain('σ(Δ) = 0.881 chance of winning; this pair\'s loss = 0.127');
    expect(slide(-2)).toContain('σ(Δ) = 0.119 chance of winning; this pair\'s loss = 2.127. Ranked the wrong way round');
  });

  it('render(el, "zh") shows Chinese text and a Chinese pretraining example', () => {
    mount('zh');
    expect(details()[3]).toBe('“床前明月光，疑是地上” → 预测下一个 token“霜”');
  });

  it('the cleanup function removes everything it drew', () => {
    mount('en')();
    expect(el.childNodes).toHaveLength(0);
  });
});
