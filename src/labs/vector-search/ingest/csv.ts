/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CR/LF inside quotes) with the delimiter detected
 * from the header line: comma, tab or semicolon.
 */

export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  const counts: [',' | '\t' | ';', number][] = [
    [',', count(',')],
    ['\t', count('\t')],
    [';', count(';')],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export class CsvError extends Error {
  constructor(readonly line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.name = 'CsvError';
  }
}

/**
 * @example
 * parseCsv('a,b\n1,"x, ""y"""'); // [['a', 'b'], ['1', 'x, "y"']]
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && s[i + 1] === '\n') {
      endRow();
      line++;
      i += 2;
    } else if (c === '\n' || c === '\r') {
      endRow();
      line++;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new CsvError(quoteLine, 'a quoted field is never closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
