// Builds public/data/ner/gazetteer.json from the NCBI-disease and BC5CDR training sets and picks
// the minimum training precision on their development sets (mean of the two overall F1s, as the
// model was selected).
//   node src/labs/ner/baseline/gazetteer-cli.mjs [/work/shared/data/ner]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const dataDir = process.argv[2] ?? '/work/shared/data/ner';
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const load = async (path) => (await runnerImport(`${root}${path}`, { configFile: false })).module;
const { parseIob } = await load('src/labs/ner/eval/iob.ts');
const { scoreChunks, chunks } = await load('src/labs/ner/eval/conlleval.ts');
const { buildGazetteer } = await load('src/labs/ner/baseline/build-gazetteer.ts');
const { Gazetteer } = await load('src/labs/ner/baseline/gazetteer.ts');

const read = (corpus, split) => parseIob(readFileSync(`${dataDir}/${corpus}/${split}.tsv`, 'utf8'));
const ncbiTypes = ['Disease'];
const bc5Types = ['Chemical', 'Disease'];
const data = buildGazetteer(
  [
    { sentences: read('NCBI-disease-IOB', 'train'), types: ncbiTypes },
    { sentences: read('BC5CDR-IOB', 'train'), types: bc5Types },
  ],
  'Entity mentions of the NCBI-disease and BC5CDR training sets (github.com/cambridgeltl/MTL-Bioinformatics-2016, CC BY 4.0; NCBI public domain, BC5CDR public domain)',
  0.5,
);

function devF1(minPrecision) {
  const g = new Gazetteer(data, minPrecision);
  const f1 = (sentences, types) => {
    const gold = sentences.map((s) => chunks(s.tags));
    const pred = sentences.map((s) => g.tagWords(s.words).filter((c) => types.includes(c.type)));
    return scoreChunks(gold, pred, types).overall.f1;
  };
  return [f1(read('NCBI-disease-IOB', 'devel'), ncbiTypes), f1(read('BC5CDR-IOB', 'devel'), bc5Types)];
}

let best = { minPrecision: 0, score: -1 };
for (let p = 0; p <= 0.951; p += 0.05) {
  const [ncbi, bc5] = devF1(+p.toFixed(2));
  const score = (ncbi + bc5) / 2;
  console.log(`min precision ${p.toFixed(2)}: devel F1 NCBI ${(ncbi * 100).toFixed(1)}, BC5CDR ${(bc5 * 100).toFixed(1)}`);
  if (score > best.score) best = { minPrecision: +p.toFixed(2), score };
}
data.defaultMinPrecision = best.minPrecision;
const out = `${root}public/data/ner/gazetteer.json`;
writeFileSync(out, JSON.stringify(data));
console.log(`${data.entries.length} entries, default min precision ${best.minPrecision} → ${out}`);
