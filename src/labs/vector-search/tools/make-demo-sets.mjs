#!/usr/bin/env node
// Builds the lab's demo collections in public/data/vector-search/ from /work/shared/data (or the
// folder given as the first argument): MedQuAD Q&A (all 16,407 pairs, answers cut to ~600
// characters), SciFact (5,183 abstracts + the 809 training claims with judgments), a 20,000-gloss
// WordNet subset, and 3,000 Tatoeba English sentences with their Chinese translations as queries.
// Deterministic: the same input gives byte-identical output.
//   node src/labs/vector-search/tools/make-demo-sets.mjs [/work/shared/data]
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DATA = resolve(process.argv[2] ?? '/work/shared/data');
const OUT = resolve(import.meta.dirname, '../../../../public/data/vector-search');
mkdirSync(OUT, { recursive: true });

const jsonl = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const parts = (dir, re) => readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f));
const clean = (s) => s.replace(/\s+/g, ' ').trim();

/** The first ~max characters, cut at a word boundary, with an ellipsis when cut. */
function truncate(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.8 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '') + ' …';
}

function writeJsonl(name, records) {
  const body = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(join(OUT, name), body);
  return { file: name, records: records.length, bytes: Buffer.byteLength(body) };
}

const sets = [];

// MedQuAD: question + answer; fields: the NIH site and the question focus.
{
  const rows = parts(join(DATA, 'corpus/biomed/medquad'), /\.jsonl$/).flatMap(jsonl);
  const records = rows.map((r, i) => ({
    id: `medquad-${String(i).padStart(5, '0')}`,
    text: `${clean(r.question).replace(/\s*\?\s*\?$/, '?')}\n\n${truncate(clean(r.answer), 600)}`,
    fields: { site: r.source.replace(/^\d+_/, '').replace(/_QA(_XML)?$/, ''), focus: clean(r.focus).slice(0, 120) },
  }));
  sets.push({ id: 'medquad', ...writeJsonl('medquad.jsonl', records) });
  copyFileSync(join(DATA, 'corpus/biomed/medquad/LICENSE.txt'), join(OUT, 'LICENSE-MedQuAD.txt'));
}

// SciFact: title + abstract; the training claims and judgments.
{
  const corpus = parts(join(DATA, 'retrieval/scifact'), /^corpus\.part\d+\.jsonl$/).flatMap(jsonl);
  const records = corpus.map((d) => ({ id: String(d._id), text: `${clean(d.title)}\n\n${clean(d.text)}`, fields: {} }));
  sets.push({ id: 'scifact', ...writeJsonl('scifact.jsonl', records), judgments: 'scifact-judgments.json' });
  const qrels = readFileSync(join(DATA, 'retrieval/scifact/qrels_train.tsv'), 'utf8')
    .split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t')).map(([q, d, s]) => [q, d, Number(s)]);
  const judged = new Set(qrels.map(([q]) => q));
  const queries = jsonl(join(DATA, 'retrieval/scifact/queries.jsonl')).filter((q) => judged.has(String(q._id))).map((q) => ({ id: String(q._id), text: q.text }));
  writeFileSync(join(OUT, 'scifact-judgments.json'), JSON.stringify({ queries, qrels }) + '\n');
  copyFileSync(join(DATA, 'retrieval/scifact/LICENSE_scifact.md'), join(OUT, 'LICENSE-SciFact.md'));
}

// WordNet: 20,000 glosses, evenly spaced over all 117,659 (every part of speech).
{
  const rows = parts(join(DATA, 'corpus/en-wordnet'), /\.tsv$/).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.split('\t')));
  const want = 20000;
  const records = Array.from({ length: want }, (_, i) => rows[Math.floor((i * rows.length) / want)]).map(([offset, pos, lemmas, gloss]) => ({
    id: `${pos}-${offset}`,
    text: `${lemmas.replace(/_/g, ' ')}: ${clean(gloss)}`,
    fields: { pos },
  }));
  sets.push({ id: 'wordnet', ...writeJsonl('wordnet.jsonl', records) });
  copyFileSync(join(DATA, 'corpus/en-wordnet/copyright'), join(OUT, 'LICENSE-WordNet.txt'));
}

// Tatoeba: 3,000 distinct English sentences (evenly spaced over the file, which is sorted by length)
// as documents; each one's Chinese translation is a query judged relevant to it.
{
  const seen = new Set();
  const pairs = [];
  for (const line of readFileSync(join(DATA, 'corpus/zh/tatoeba_cmn_eng/cmn.txt'), 'utf8').split('\n')) {
    const [en, zh, attribution] = line.split('\t');
    if (!en || !zh || seen.has(en)) continue;
    seen.add(en);
    pairs.push({ en: clean(en), zh: clean(zh), attribution: (attribution ?? '').replace(/^.*Attribution:\s*/, '').trim() });
  }
  const want = 3000;
  const picked = Array.from({ length: want }, (_, i) => pairs[Math.floor((i * pairs.length) / want)]);
  const records = picked.map((p, i) => ({ id: `tatoeba-${i}`, text: p.en, fields: { lang: 'en', tatoeba: p.attribution.slice(0, 120) } }));
  sets.push({ id: 'tatoeba', ...writeJsonl('tatoeba.jsonl', records), judgments: 'tatoeba-judgments.json' });
  const queries = picked.map((p, i) => ({ id: `zh-${i}`, text: p.zh }));
  const qrels = picked.map((_, i) => [`zh-${i}`, `tatoeba-${i}`, 1]);
  writeFileSync(join(OUT, 'tatoeba-judgments.json'), JSON.stringify({ queries, qrels }) + '\n');
}

const manifest = { sets: sets.map((s) => ({ ...s, bytes: statSync(join(OUT, s.file)).size })) };
writeFileSync(join(OUT, 'demo-sets.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const s of manifest.sets) console.log(`${s.id}: ${s.records} records, ${(s.bytes / 1e6).toFixed(2)} MB`);
