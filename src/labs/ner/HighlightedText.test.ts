import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLang, setupI18n } from '../../lib/i18n';
import type { Entity } from './decode/entity-spans';
import HighlightedText from './HighlightedText.svelte';

const entity = (text: string, start: number, word: string): Entity => ({
  type: 'Disease', label: 'Disease', start, end: start + word.length, text: text.slice(start, start + word.length), score: 0.875, tokenStart: 0, tokenEnd: 1,
});
/** The drawn text as read, without the type tags. */
const drawn = () => {
  const copy = screen.getByTestId('ner-highlighted').cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.tag').forEach((t) => t.remove());
  return copy.textContent ?? '';
};

beforeAll(() => {
  setupI18n(null);
  setLang('en');
});

describe('HighlightedText', () => {
  it('marks entities as text, with type and score on hover, and markup stays text', () => {
    const text = '<img src=x onerror=alert(1)> gout 😀';
    render(HighlightedText, { text, entities: [entity(text, 29, 'gout')], colors: { Disease: '#c00' } });
    const mark = screen.getByTestId('ner-highlighted').querySelector('mark')!;
    expect(mark.firstChild?.textContent).toBe('gout');
    expect(mark.getAttribute('data-type')).toBe('Disease');
    expect(mark.title).toMatch(/Disease.*0\.875/);
    expect(drawn()).toBe(text);
    expect(screen.getByTestId('ner-highlighted').querySelector('img')).toBeNull();
    expect(screen.queryByTestId('ner-show-more')).toBeNull();
  });
  it('draws a long text 100,000 characters at a time', async () => {
    const text = 'fever '.repeat(40_000);
    const entities = [entity(text, 0, 'fever'), entity(text, 99_996, 'fever'), entity(text, 150_000, 'fever')];
    render(HighlightedText, { text, entities, colors: {} });
    // the entity crossing 100,000 is drawn whole
    expect(drawn()).toBe(text.slice(0, 100_001));
    expect(screen.getByTestId('ner-show-more')).toHaveTextContent('139,999 characters left');
    await fireEvent.click(screen.getByTestId('ner-show-more'));
    expect(drawn()).toBe(text.slice(0, 200_000));
    expect(screen.getByTestId('ner-show-more')).toHaveTextContent('40,000 characters left');
    expect(screen.getByTestId('ner-highlighted').querySelectorAll('mark')).toHaveLength(3);
    await fireEvent.click(screen.getByTestId('ner-show-more'));
    expect(drawn()).toBe(text);
    expect(screen.queryByTestId('ner-show-more')).toBeNull();
  });
});
