/**
 * For Node tests: `runtime.embed` over a model folder (the tiny-bert fixture) on the runtime's own
 * parts — its `LoadedModel` (batching, mean pooling, L2 normalisation), transformers.js's tokenizer
 * and onnxruntime-web's wasm backend — so the lab's tests embed with the same code the worker runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { probeCapabilities } from '../../../lib/runtime/capabilities';
import { LoadedModel, type SessionLike } from '../../../lib/runtime/model-session';
import { createTokenizer } from '../../../lib/runtime/tokenizer';
import type { EmbedOptions, Progress } from '../../../lib/runtime/types';
import type { EmbedRuntime } from './embed-job';

export const TINY_BERT = join(import.meta.dirname, '../../../../tests/fixtures/models/tiny-bert');

export async function nodeEmbedder(folder = TINY_BERT): Promise<EmbedRuntime & { dim: number; calls: number }> {
  ort.env.wasm.numThreads = 1;
  const json = (f: string) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as Record<string, unknown>;
  const config = json('config.json');
  const raw = await ort.InferenceSession.create(readFileSync(join(folder, 'onnx/model.onnx')));
  const session = raw as unknown as SessionLike;
  const model = new LoadedModel({
    session,
    tokenizer: createTokenizer(json('tokenizer.json'), json('tokenizer_config.json')),
    makeTensor: (data, dims) => new ort.Tensor('int64', data, [...dims]),
    capabilities: probeCapabilities(config, session.outputNames),
    maxLength: 128,
  });
  const runtime = {
    dim: Number(config.hidden_size),
    calls: 0,
    async embed(_handle: string, texts: string[], opts: EmbedOptions, onProgress?: (p: Progress) => void): Promise<Float32Array> {
      runtime.calls++;
      const { signal, ...rest } = opts;
      return model.embed(texts, rest, onProgress, signal);
    },
  };
  return runtime;
}
