// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readSourceFile, type FileLike } from './read-source-file';
import { dedupeDocuments, documentsFromText } from './source-documents';

function file(name: string, content: string | Uint8Array, size?: number): FileLike {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, size: size ?? bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

describe('readSourceFile(file) on bad input', () => {
  it('an empty file', async () => {
    expect(await readSourceFile(file('a.txt', ''))).toEqual({ ok: false, name: 'a.txt', problem: { code: 'empty', values: {} } });
    expect(await readSourceFile(file('a.txt', ' \n\t'))).toMatchObject({ ok: false, problem: { code: 'empty' } });
  });
  it('a file over the size cap names the cap', async () => {
    expect(await readSourceFile(file('big.txt', 'x', MAX_FILE_BYTES + 1))).toEqual({
      ok: false, name: 'big.txt', problem: { code: 'too-large', values: { size: MAX_FILE_BYTES + 1, cap: MAX_FILE_BYTES } },
    });
  });
  it('a binary file, even with a text extension', async () => {
    expect(await readSourceFile(file('report.txt', Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])))).toMatchObject({ ok: false, problem: { code: 'binary', values: { kind: 'PDF' } } });
    expect(await readSourceFile(file('blob.md', Uint8Array.from([1, 0, 2, 0])))).toMatchObject({ ok: false, problem: { code: 'binary' } });
  });
  it('an unsupported extension lists the supported ones', async () => {
    const r = await readSourceFile(file('slides.pptx', 'x'));
    expect(r).toMatchObject({ ok: false, problem: { code: 'unsupported-type' } });
    expect(r.ok === false && String(r.problem.values.types)).toContain('.jsonl');
  });
  it('non-UTF-8 text is decoded with a notice naming the encoding', async () => {
    const r = await readSourceFile(file('latin.txt', Uint8Array.from([0x63, 0x61, 0x66, 0xe9])));
    expect(r).toMatchObject({ ok: true, documents: [{ text: 'café' }], notices: [{ code: 'encoding', values: { encoding: 'windows-1252' } }] });
  });
  it('broken JSON Lines are counted, the good ones kept', async () => {
    const r = await readSourceFile(file('d.jsonl', '{"id": "a", "text": "alpha"}\n{oops\n[1,2]\n{"id": "b", "text": "beta"}\n'));
    expect(r.ok && r.documents.map((d) => d.id)).toEqual(['a', 'b']);
    expect(r.ok && r.notices).toContainEqual({ code: 'bad-lines', values: { count: 2, first: 2 } });
  });
  it('unparsable CSV and JSON say why; a file without any text says so', async () => {
    expect(await readSourceFile(file('x.csv', 'a,b\n1,"open'))).toMatchObject({ ok: false, problem: { code: 'unparsable' } });
    expect(await readSourceFile(file('x.json', '{"a": 1}'))).toMatchObject({ ok: false, problem: { code: 'unparsable' } });
    expect(await readSourceFile(file('x.html', '<script>only()</script>'))).toMatchObject({ ok: false, problem: { code: 'no-text' } });
  });
});

describe('documentsFromText(name, text, kind)', () => {
  it('CSV: the text column by name, the title prepended, other columns as fields', () => {
    const csv = 'id,question,answer,source\nq1,What is BM25?,A ranking function.,wiki\nq2,,,wiki\n';
    const r = documentsFromText('faq.csv', csv, 'csv');
    expect(r.documents).toEqual([{ id: 'q1', text: 'What is BM25?\nA ranking function.', source: 'faq.csv', fields: { source: 'wiki' } }]);
    expect(r.notices).toContainEqual({ code: 'no-text-records', values: { count: 1 } });
  });
  it('CSV without a known text column uses the longest one', () => {
    const r = documentsFromText('t.tsv', 'k\tbody_col\n1\ta long sentence here\n', 'csv');
    expect(r.documents[0]).toMatchObject({ text: 'a long sentence here', fields: { k: '1' } });
  });
  it('JSON arrays and {data: [...]} objects', () => {
    expect(documentsFromText('a.json', '[{"text": "x"}]', 'json').documents[0]).toMatchObject({ id: 'a.json#1', text: 'x' });
    expect(documentsFromText('b.json', '{"data": [{"content": "y", "lang": "en"}]}', 'json').documents[0]).toMatchObject({ text: 'y', fields: { lang: 'en' } });
  });
  it('HTML: the title and readable text', () => {
    expect(documentsFromText('p.html', '<title>T</title><p>Body</p>', 'html').documents[0]!.text).toBe('T\nBody');
  });
});

describe('dedupeDocuments(docs)', () => {
  it('drops repeated texts (ignoring whitespace) and renames repeated ids', () => {
    const d = (id: string, text: string) => ({ id, text, source: 's', fields: {} });
    const r = dedupeDocuments([d('a', 'same  text'), d('b', 'same text'), d('a', 'other'), d('c', 'third')]);
    expect(r.documents.map((x) => x.id)).toEqual(['a', 'a~2', 'c']);
    expect(r.duplicates).toBe(1);
    expect(r.renamed).toBe(1);
  });
});
