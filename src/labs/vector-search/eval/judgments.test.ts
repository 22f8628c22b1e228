// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { evaluableQueries, JudgmentFormatError, parseQrels, parseQueries, qrelsMap } from './judgments';

describe('parseQrels(text)', () => {
  it('reads BEIR TSV with a header', () => {
    expect(parseQrels('query-id\tcorpus-id\tscore\n0\t31715818\t1\n2\t13734012\t1\n')).toEqual([
      ['0', '31715818', 1],
      ['2', '13734012', 1],
    ]);
  });
  it('reads TREC qrels (4 columns) and skips blank lines', () => {
    expect(parseQrels('q1 0 d7 2\n\nq1 0 d9 0\n')).toEqual([
      ['q1', 'd7', 2],
      ['q1', 'd9', 0],
    ]);
  });
  it('names the line of a bad row', () => {
    expect(() => parseQrels('q1\td1\t1\nq2\td2\n')).toThrow(JudgmentFormatError);
    expect(() => parseQrels('q1\td1\t1\nq2\td2\n')).toThrow(/line 2/);
    expect(() => parseQrels('q0\td0\t1\nq1\td1\tyes\n')).toThrow(/line 2: relevance "yes" is not a number/);
    expect(() => parseQrels('\n')).toThrow(/no judgments/);
  });
});

describe('parseQueries(text)', () => {
  it('reads BEIR JSONL and TSV', () => {
    expect(parseQueries('{"_id": "0", "text": "A claim.", "metadata": {}}\n{"id": 5, "text": "B"}')).toEqual([
      { id: '0', text: 'A claim.' },
      { id: '5', text: 'B' },
    ]);
    expect(parseQueries('q1\twhat is bm25\n')).toEqual([{ id: 'q1', text: 'what is bm25' }]);
  });
  it('rejects broken lines', () => {
    expect(() => parseQueries('{"_id": 1')).toThrow(/not valid JSON/);
    expect(() => parseQueries('{"text": "x"}')).toThrow(/_id/);
  });
});

describe('evaluableQueries(set, docIds, subset)', () => {
  const set = {
    queries: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
      { id: 'c', text: 'C' },
    ],
    qrels: [
      ['a', 'd1', 1],
      ['b', 'd9', 1],
      ['c', 'd2', 1],
      ['c', 'd3', 0],
    ] as [string, string, number][],
  };
  it('keeps queries with a relevant document in the collection, within the subset', () => {
    const r = evaluableQueries(set, new Set(['d1', 'd2', 'd3']));
    expect(r.queries.map((q) => q.id)).toEqual(['a', 'c']);
    expect(r.qrels).toEqual(qrelsMap([['a', 'd1', 1], ['c', 'd2', 1]]));
    expect(evaluableQueries(set, new Set(['d1', 'd2']), new Set(['c'])).queries.map((q) => q.id)).toEqual(['c']);
  });
});
