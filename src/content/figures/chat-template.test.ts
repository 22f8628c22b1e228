import { afterEach, describe, expect, it } from 'vitest';
import { figure } from './chat-template';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  document.body.replaceChildren();
});

function mount(lang: 'zh' | 'en' = 'en'): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  cleanup = figure.render(el, lang);
  return el;
}

/** The prompt as rendered text, with the ↵ newline markers taken back out. */
function prompt(el: HTMLElement): string {
  return (el.querySelector('pre')?.textContent ?? '').replaceAll('↵\n', '\n');
}

function type(target: HTMLTextAreaElement | HTMLSelectElement, value: string, event: 'input' | 'change'): void {
  target.value = value;
  target.dispatchEvent(new Event(event, { bubbles: true }));
}

describe('chat-template figure', () => {
  it('renders the four starting messages through ChatML with an open assistant turn', () => {
    const el = mount();
    expect(prompt(el)).toBe(
      '<|im_start|>system\nClassify each term as "disease" or "chemical". Answer with one word.<|im_end|>\n' +
        '<|im_start|>user\naspirin<|im_end|>\n' +
        '<|im_start|>assistant\nchemical<|im_end|>\n' +
        '<|im_start|>user\nhypotension<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
    expect(el.querySelectorAll('div.message')).toHaveLength(4);
    expect(el.textContent).toContain('9 special tokens');
  });

  it('re-renders when a message is edited, its role changed or it is removed', () => {
    const el = mount();
    const last = el.querySelectorAll('div.message')[3] as HTMLElement;
    type(last.querySelector('textarea') as HTMLTextAreaElement, 'ibuprofen', 'input');
    expect(prompt(el)).toContain('<|im_start|>user\nibuprofen<|im_end|>\n<|im_start|>assistant\n');

    const first = el.querySelectorAll('div.message')[0] as HTMLElement;
    (first.querySelector('button') as HTMLButtonElement).click();
    expect(el.querySelectorAll('div.message')).toHaveLength(3);
    expect(prompt(el).startsWith('<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\naspirin')).toBe(true);

    const second = el.querySelectorAll('div.message')[1] as HTMLElement;
    type(second.querySelector('select') as HTMLSelectElement, 'user', 'change');
    expect(prompt(el)).toContain('<|im_start|>user\nchemical<|im_end|>');
  });

  it('drops the assistant opener when add_generation_prompt is unticked', () => {
    const el = mount();
    const box = el.querySelector('input[type=checkbox]') as HTMLInputElement;
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    expect(prompt(el).endsWith('<|im_start|>user\nhypotension<|im_end|>\n')).toBe(true);
  });

  it('shows message text as text, never as markup', () => {
    const el = mount();
    const first = el.querySelectorAll('div.message')[1] as HTMLElement;
    type(first.querySelector('textarea') as HTMLTextAreaElement, '<img src=x onerror=alert(1)>', 'input');
    expect(el.querySelector('pre img')).toBeNull();
    expect(prompt(el)).toContain('<img src=x onerror=alert(1)>');
  });

  it('reports a broken template and recovers with the reset button', () => {
    const el = mount('zh');
    const template = el.querySelector('details textarea') as HTMLTextAreaElement;
    type(template, '{% for m in messages %}', 'input');
    expect(el.querySelector('pre')?.textContent).toMatch(/^模板出错：/);
    (el.querySelector('details button') as HTMLButtonElement).click();
    expect(template.value).toContain('<|im_start|>');
    expect(prompt(el).endsWith('<|im_start|>assistant\n')).toBe(true);
  });

  it('cleanup removes everything it drew', () => {
    const el = mount();
    cleanup?.();
    cleanup = undefined;
    expect(el.childElementCount).toBe(0);
  });
});
