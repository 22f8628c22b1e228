import { describe, expect, it } from 'vitest';
import type { Entity } from '../decode/entity-spans';
import { csvCell, entitiesToCsv, entitiesToJson } from './entity-export';
import { filterSortEntities } from './entity-table';

const e = (text: string, type: string, start: number, score: number): Entity => ({
  text, type, label: type, start, end: start + text.length, score, tokenStart: 0, tokenEnd: 1,
});
const list = [e('gout', 'Disease', 10, 0.9), e('aspirin', 'Chemical', 0, 0.6), e('asthma', 'Disease', 20, 0.99)];

describe('filterSortEntities(entities, query)', () => {
  it('filters by type and minimum score, sorts by the chosen column', () => {
    const q = { types: ['Disease'], minScore: 0.95, sort: 'start' as const, descending: false };
    expect(filterSortEntities(list, q).map((x) => x.text)).toEqual(['asthma']);
    expect(filterSortEntities(list, { ...q, types: [], minScore: 0, sort: 'score', descending: true }).map((x) => x.text)).toEqual(['asthma', 'gout', 'aspirin']);
    expect(filterSortEntities(list, { ...q, types: [], minScore: 0, sort: 'text' }).map((x) => x.text)).toEqual(['aspirin', 'asthma', 'gout']);
  });
});

describe('entity export', () => {
  it('writes CSV with quoting and formula-safe cells', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1)).toBe('-1');
    expect(entitiesToCsv([e('5-FU, oral', 'Chemical', 3, 0.5)])).toBe('text,type,start,end,score\r\n"5-FU, oral",Chemical,3,13,0.5\r\n');
  });
  it('writes JSON with the context and rounded scores', () => {
    const json = JSON.parse(entitiesToJson([e('gout', 'Disease', 1, 0.123456789)], { model: 'm', strategy: 'first', textLength: 9 }));
    expect(json.entities).toEqual([{ text: 'gout', type: 'Disease', start: 1, end: 5, score: 0.123457 }]);
    expect(json.model).toBe('m');
  });
});
