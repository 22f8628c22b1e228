// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CsvError, detectDelimiter, parseCsv } from './csv';

describe('parseCsv(text)', () => {
  it('reads quoted fields with delimiters, doubled quotes and newlines', () => {
    expect(parseCsv('id,text\n1,"a, ""b""\nc"\r\n2,plain\n')).toEqual([
      ['id', 'text'],
      ['1', 'a, "b"\nc'],
      ['2', 'plain'],
    ]);
  });
  it('detects tab and semicolon delimiters, keeps empty fields', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(parseCsv('a;b\n;x')).toEqual([
      ['a', 'b'],
      ['', 'x'],
    ]);
  });
  it('skips blank lines and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,2\n\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a,b\n1,"open\nmore')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,"open\nmore')).toThrow(/line 2/);
  });
});
