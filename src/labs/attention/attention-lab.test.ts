// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AttentionLab } from './attention-lab.svelte';
import { headMatrix } from './attention-stack';
import { parseExample } from './example';
import exampleJson from './example.json';
import { nodeFixtureRuntime } from './node-fixture-runtime';
import { defaultViewState } from './view-state';

const parseModelRef = (s: string) => ({ source: 'shipped' as const, id: s.replace(/^shipped:/, '') });

function labFor(model: string, text: string, textPair = '') {
  const runtime = nodeFixtureRuntime();
  const lab = new AttentionLab({ runtime, parseModelRef, now: () => 42 }, { ...defaultViewState(), model, text, textPair });
  return { lab, runtime };
}

// Real sessions on a machine shared with training jobs: generous time per test.
describe('AttentionLab on the tiny-bert fixtures (tokenizer, onnxruntime-node, graph surgery)', { timeout: 60_000 }, () => {
  it('analyse(): a model exported without attentions yields the same stack as the one exported with them', async () => {
    const a = labFor('shipped:tiny-bert-noattn', 'the cat sat on the mat');
    const b = labFor('shipped:tiny-bert', 'the cat sat on the mat');
    await Promise.all([a.lab.analyse(), b.lab.analyse()]);
    expect(a.lab.phase).toBe('ready');
    expect(a.runtime.calls[0]).toBe('load tiny-bert-noattn model +attentions (cancellable)');
    const [ra, rb] = [a.lab.result!, b.lab.result!];
    expect(ra.tokens).toEqual(['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat', '[SEP]']);
    expect([ra.stack.layers, ra.stack.heads, ra.stack.seq]).toEqual([2, 2, 8]);
    for (let l = 0; l < 2; l++) expect([...ra.stack.data[l]!]).toEqual([...rb.stack.data[l]!]);
    expect(a.lab.outputAt).toBe(42);
  });

  it('truncates to the model’s max length and says from how many tokens', async () => {
    const { lab } = labFor('shipped:tiny-bert', Array(10).fill('the cat').join(' '));
    await lab.analyse();
    expect(lab.result!.tokens).toHaveLength(16);
    expect(lab.result!.tokens.at(-1)).toBe('[SEP]');
    expect(lab.result!.truncatedFrom).toBe(22);
  });

  it('derives filtered head matrices, pair visibility and rollout from the settings', async () => {
    const { lab } = labFor('shipped:tiny-bert', 'a cat', 'a dog');
    await lab.analyse();
    const r = lab.result!;
    expect(r.segments).toEqual([0, 0, 0, 0, 1, 1, 1]);
    lab.filter = 'a-b';
    expect(lab.shownRows).toEqual([0, 1, 2, 3]);
    expect(lab.shownCols).toEqual([4, 5, 6]);
    lab.heads = [1];
    lab.layer = 1;
    expect(lab.headMatrices.map((m) => m.head)).toEqual([1]);
    const raw = headMatrix(r.stack, 1, 1);
    expect(lab.headMatrices[0]!.matrix[0 * 7 + 4]).toBe(raw[0 * 7 + 4]);
    expect(lab.headMatrices[0]!.matrix[0 * 7 + 1]).toBe(0);
    lab.renormalise = true;
    const row0 = lab.headMatrices[0]!.matrix.subarray(0, 7).reduce((s, x) => s + x, 0);
    expect(row0).toBeCloseTo(1, 5);
    lab.filter = 'all';
    lab.matrixSource = 'rollout';
    const rollout = lab.matrix!;
    expect(rollout.subarray(0, 7).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(lab.entropies).toHaveLength(4);
  });

  it('maskToken(): re-runs with [MASK] in place, and reports a model without a fill-mask graph', async () => {
    const { lab, runtime } = labFor('shipped:tiny-bert', 'the cat sat');
    await lab.analyse();
    await lab.maskToken(2);
    expect(lab.mask).toMatchObject({ index: 2, phase: 'error', problem: { code: 'no-fill-mask' } });
    expect(lab.mask!.stack!.seq).toBe(5);
    expect(runtime.calls).toContain('load tiny-bert model_mlm');
    lab.matrixSource = 'mean';
    expect(lab.maskDifference!.some((x) => Math.abs(x) > 1e-6)).toBe(true);
  });

  it('refuses, before running, an input whose attention tensors would pass the 64 MB cap', async () => {
    const { lab, runtime } = labFor('shipped:tiny-bert', 'the cat sat on the mat');
    const load = runtime.load.bind(runtime);
    runtime.load = async (ref, opts) => {
      const info = await load(ref, opts);
      return { ...info, capabilities: { ...info.capabilities, numLayers: 256, numHeads: 512 } };
    };
    await lab.analyse();
    // 256 × 512 × 8² × 4 bytes = 32 MiB: under the cap
    expect(lab.phase).toBe('ready');
    lab.text = Array(50).fill('the cat').join(' ');
    await lab.analyse();
    // 16 tokens (the fixture runtime's max length): 256 × 512 × 16² × 4 bytes = 128 MiB; at most √(64 MiB / (256 × 512 × 4)) ≈ 11 tokens fit
    expect(lab.problem).toEqual({ code: 'too-large', values: { tokens: 16, mb: 128, cap: 64, max: 11 } });
    expect(runtime.calls.filter((c) => c.startsWith('run'))).toHaveLength(1);
  });

  it('cancel(): stops a load in progress (the runtime gets the abort) and keeps what was shown', async () => {
    const { lab, runtime } = labFor('shipped:tiny-bert', 'the cat sat');
    const pending = lab.analyse();
    expect(lab.phase).toBe('loading');
    lab.cancel();
    await pending;
    expect([lab.phase, lab.result, lab.problem]).toEqual(['idle', null, null]);
    expect(runtime.calls).toEqual(['load tiny-bert model +attentions (cancellable)']);
    await lab.analyse();
    expect(lab.phase).toBe('ready');
    lab.cancel(); // nothing in progress: the result stays
    expect([lab.phase, lab.result?.tokens.length]).toEqual(['ready', 5]);
  });

  it('reports an empty text and a missing model without throwing', async () => {
    const empty = labFor('shipped:tiny-bert', '   ');
    await empty.lab.analyse();
    expect(empty.lab.problem).toEqual({ code: 'empty-text' });
    const missing = labFor('shipped:no-such-model', 'hi');
    await missing.lab.analyse();
    expect(missing.lab.phase).toBe('error');
    expect(missing.lab.problem?.code).toBe('runtime');
  });

  it('showExample() fills the first screen, and a view state round-trips', () => {
    const { lab } = labFor('shipped:tiny-bert', 'x');
    lab.showExample(parseExample(exampleJson));
    expect(lab.result?.origin).toBe('example');
    lab.openHead(1, 1);
    lab.togglePin({ side: 'from', index: 3 });
    expect(lab.toViewState()).toMatchObject({ view: 'head', layer: 1, heads: [1], matrixHead: 1, pinned: { side: 'from', index: 3 } });
    lab.togglePin({ side: 'from', index: 3 });
    expect(lab.pinned).toBeNull();
  });
});
