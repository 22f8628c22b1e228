import type { WorkerLike } from '../client.svelte';
import type { FromWorker, ToWorker } from '../protocol';
import type { ModelInfo } from '../types';

/** A scripted stand-in for the inference worker: records what it is sent, replies when told. */
export class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  postMessage(m: ToWorker): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(m: FromWorker): void {
    this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }
  last<T extends ToWorker['type']>(type: T): Extract<ToWorker, { type: T }> {
    return this.sent.filter((m) => m.type === type).at(-1) as Extract<ToWorker, { type: T }>;
  }
}

/** A loaded model's info as the worker reports it (WebAssembly, q8). */
export const info = (handle: string): ModelInfo => ({
  handle,
  ref: { source: 'shipped', id: 'tiny-bert' },
  backend: 'wasm',
  dtype: 'q8',
  threads: 1,
  reason: 'r',
  reasonText: { zh: 'r', en: 'r' },
  file: 'onnx/model_quantized.onnx',
  sessionMs: 1,
  config: {},
  inputNames: [],
  outputNames: [],
  capabilities: { featureExtraction: true, fillMask: false, tokenClassification: false, attentions: true },
  maxLength: 128,
});

