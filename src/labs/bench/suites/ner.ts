/**
 * Medical NER (`mini-bert-med-ner`): the lab's batched corpus tagger (overlapping windows, 16 per
 * call) against transformers.js `pipeline('token-classification')` one sentence per call, in
 * tokens/s on the same NCBI-disease test sentences; and the time of the lab's whole evaluation of
 * the NCBI-disease test set (tagging, dictionary baseline, scores), as the learner runs it.
 */
import { runtime } from '../../../lib/runtime';
import { loadEvalSet } from '../../ner/data-files';
import { EvaluationState } from '../../ner/evaluation-state.svelte';
import { tagCorpus } from '../../ner/inference/corpus-tagger';
import { loadNerModel } from '../../ner/inference/load-ner-model';
import { readTokenizerJson } from '../../ner/inference/read-tokenizer';
import type { RunModel } from '../../ner/inference/token-classifier';
import { perSecond, repeat } from '../core/repeat';
import { shippedDtypes } from '../core/shipped';
import { startPeerWorker } from '../spawn-workers';
import { describeError, missingModel, pick, SuiteRecorder, type Suite } from './context';

const MODEL = 'mini-bert-med-ner';

export const nerSuite: Suite = {
  id: 'ner',
  async run(ctx) {
    const rec = new SuiteRecorder('ner', ctx.onProgress);
    if (shippedDtypes(ctx.manifest, MODEL).length === 0) {
      rec.skip(missingModel(MODEL));
      return rec.result();
    }
    const run: RunModel = (handle, inputs, opts) => runtime.run(handle, inputs, opts);
    const model = await loadNerModel({ load: (ref, opts, p) => runtime.load(ref, opts, p), readTokenizer: readTokenizerJson }, { source: 'shipped', id: MODEL }, { backend: 'wasm' });
    const { backend, dtype, threads } = model.info;
    const sentences = await loadEvalSet('ncbi-disease');
    const subset = sentences.slice(0, pick(ctx, 100, 20)).map((s) => s.words);
    const tokens = subset.reduce((sum, words) => sum + model.tokenizer.encodeWords(words).length, 0);
    const reps = pick(ctx, 3, 1);
    const base = { backend, dtype, threads, params: { sentences: subset.length, tokens } };

    ctx.onProgress?.('ner: lab corpus tagger');
    const ours = await repeat(async () => void (await tagCorpus(run, model.classifier, model.tokenizer, subset, { signal: ctx.signal })), { warmup: 1, reps, signal: ctx.signal });
    rec.add({ ...base, id: 'throughput/ours', label: 'NER lab corpus tagger (windows batched 16 per call)', unit: 'tokens/s', better: 'higher', role: 'ours', compare: 'throughput', samples: ours.map((ms) => perSecond(tokens, ms)) });

    const peer = startPeerWorker(threads || 1);
    try {
      ctx.onProgress?.('ner: transformers.js pipeline, one sentence per call');
      const ms = await peer.call('pipelineNer', { model: MODEL, dtype, texts: subset.map((w) => w.join(' ')), warmup: 1, reps });
      rec.add({ ...base, id: 'throughput/pipeline', label: "transformers.js pipeline('token-classification'), one sentence per call", unit: 'tokens/s', better: 'higher', role: 'peer', compare: 'throughput', samples: ms.map((t) => perSecond(tokens, t)),
        note: 'tokens counted with the lab tokenizer for both' });
    } catch (e) {
      rec.skip(`transformers.js pipeline: ${describeError(e)}`);
    } finally {
      peer.terminate();
    }

    if (ctx.quick) {
      rec.skip('full NCBI-disease evaluation: left out in --quick');
      return rec.result();
    }
    ctx.onProgress?.(`ner: full NCBI-disease test evaluation (${sentences.length} sentences)`);
    const state = new EvaluationState();
    state.setId = 'ncbi-disease';
    const f1: number[] = [];
    let evalTokens = 0;
    const evalMs = await repeat(async () => {
      await state.evaluate(model, run);
      if (!state.result) throw new Error(`the evaluation failed: ${describeError(state.error)}`);
      f1.push(state.result.report.model.scores.overall.f1);
      evalTokens = state.result.tokens;
      return state.result.ms;
    }, { warmup: 0, reps: 2, signal: ctx.signal });
    rec.add({ backend, dtype, threads, id: 'eval/ncbi-disease', label: `NER lab full evaluation, NCBI-disease test (${sentences.length} sentences)`, unit: 'ms', better: 'lower', role: 'info', samples: evalMs,
      params: { sentences: sentences.length, tokens: evalTokens, entityF1: Number(f1[0]!.toFixed(4)) } });
    rec.add({ backend, dtype, threads, id: 'eval/tokens-per-s', label: 'NER lab full evaluation throughput', unit: 'tokens/s', better: 'higher', role: 'info', samples: evalMs.map((ms) => perSecond(evalTokens, ms)) });
    return rec.result();
  },
};
