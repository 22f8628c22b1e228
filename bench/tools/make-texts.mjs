#!/usr/bin/env node
/**
 * Builds src/labs/bench/data/medquad-texts.json, the benchmark's fixed real text, from MedQuAD
 * (CC BY 4.0, github abachaa/MedQuAD; the jsonl copy in the shared data folder):
 * - `chunks`: answer passages of 45–90 words (about 60–120 WordPiece tokens), consecutive
 *   sentences of one answer, for embedding throughput;
 * - `questions`: distinct questions (short texts), for the real-text vector collection and its queries.
 * Deterministic: documents in file order, every n-th taken. Usage: node bench/tools/make-texts.mjs [medquad dir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dir = process.argv[2] ?? resolve(root, '../shared/data/corpus/biomed/medquad');
const CHUNKS = 512;
const QUESTIONS = 2600;

const rows = readdirSync(dir)
  .filter((f) => /^medquad_qa\.part\d+\.jsonl$/.test(f))
  .sort((a, b) => Number(/\d+/.exec(a)[0]) - Number(/\d+/.exec(b)[0]))
  .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));

const words = (s) => s.split(/\s+/).filter(Boolean).length;
const clean = (s) => s.replace(/\s+/g, ' ').replace(/\s+([,.;:?!])/g, '$1').trim();

function chunksOf(answer) {
  const sentences = clean(answer.replace(/(^|\n)\s*-\s+/g, '. ')).split(/(?<=[.?!])\s+(?=[A-Z])/).map((s) => s.trim()).filter((s) => words(s) >= 4);
  const out = [];
  let cur = [];
  for (const s of sentences) {
    cur.push(s);
    const n = words(cur.join(' '));
    if (n >= 45) {
      if (n <= 90) out.push(cur.join(' '));
      cur = [];
    }
  }
  return out;
}

const allChunks = rows.flatMap((r) => (r.answer ? chunksOf(r.answer) : []));
const step = Math.max(1, Math.floor(allChunks.length / CHUNKS));
const chunks = allChunks.filter((_, i) => i % step === 0).slice(0, CHUNKS);

const seen = new Set();
const allQuestions = rows.map((r) => clean(r.question)).filter((q) => q.length > 8 && !seen.has(q) && seen.add(q));
const qstep = Math.max(1, Math.floor(allQuestions.length / QUESTIONS));
const questions = allQuestions.filter((_, i) => i % qstep === 0).slice(0, QUESTIONS);

const out = {
  source: 'MedQuAD (Ben Abacha & Demner-Fushman 2019), github abachaa/MedQuAD',
  licence: 'CC BY 4.0 — https://creativecommons.org/licenses/by/4.0/',
  chunks,
  questions,
};
writeFileSync(resolve(root, 'src/labs/bench/data/medquad-texts.json'), JSON.stringify(out, null, 0) + '\n');
console.log(`${chunks.length} chunks (${Math.min(...chunks.map(words))}–${Math.max(...chunks.map(words))} words), ${questions.length} questions`);
