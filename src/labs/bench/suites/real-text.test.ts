import { describe, expect, it } from 'vitest';
import { sentencesOf, splitQueries } from './real-text';

describe('real text for the vector benchmarks', () => {
  it('takes one sentence per text, drops short, long and repeated ones, and interleaves the sets', () => {
    const sets = [
      { id: 'a', texts: ['The heart pumps blood through the body. It has four chambers inside it. Yes.', 'The heart pumps blood through the body.'] },
      { id: 'b', texts: ['A cat is a small carnivorous mammal of the family Felidae.', `${'word '.repeat(90)}end.`] },
    ];
    expect(sentencesOf(sets, 10)).toEqual([
      'The heart pumps blood through the body.',
      'A cat is a small carnivorous mammal of the family Felidae.',
      'It has four chambers inside it.',
    ]);
    expect(sentencesOf(sets, 2)).toHaveLength(2);
  });

  it('holds out evenly spaced queries and keeps the rest, in order, as the collection', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const { base, queries } = splitQueries(items, 12, 4);
    expect(queries).toEqual([4, 9, 14, 19]);
    expect(base).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13]);
    expect(new Set([...base, ...queries]).size).toBe(16);
  });
});
