import { describe, expect, it } from 'vitest';
import { LIMITS } from './model-validation';
import { normalizeFolder, validateModelFolder, type PickedFile } from './model-folder';
import { passThroughGraph, toyEncoder, toyMaskedLM } from './test-support/onnx-writer';
import { toyTokenizerConfig, toyTokenizerJson } from './test-support/toy-tokenizer';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

function file(path: string, bytes: Uint8Array | string, size?: number): PickedFile & { reads: number } {
  const data = typeof bytes === 'string' ? enc(bytes) : bytes;
  const f = {
    path,
    size: size ?? data.byteLength,
    reads: 0,
    bytes: async () => {
      f.reads++;
      return data;
    },
  };
  return f;
}

const good = () => [
  file('tiny/config.json', enc({ architectures: ['BertModel'], hidden_size: 4, num_attention_heads: 1, max_position_embeddings: 64 })),
  file('tiny/tokenizer.json', enc(toyTokenizerJson())),
  file('tiny/tokenizer_config.json', enc(toyTokenizerConfig(32))),
  file('tiny/onnx/model.onnx', toyEncoder()),
  file('tiny/onnx/model_mlm_quantized.onnx', toyMaskedLM(16, 4, { 5: 2 })),
  file('tiny/README.md', '# tiny'),
  file('tiny/pytorch_model.bin', new Uint8Array(8)),
  file('tiny/.DS_Store', 'x'),
];

async function codes(files: PickedFile[]): Promise<string[]> {
  return (await validateModelFolder(normalizeFolder(files))).problems.map((p) => p.code);
}

describe('normalizeFolder', () => {
  it('normalizeFolder strips the top folder, keeps model files, lists the rest as ignored', () => {
    const f = normalizeFolder(good());
    expect(f.name).toBe('tiny');
    expect([...f.files.keys()].sort()).toEqual(['config.json', 'onnx/model.onnx', 'onnx/model_mlm_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(f.ignored).toEqual(['README.md', 'pytorch_model.bin']);
  });

  it('normalizeFolder reads a top-level model.onnx as onnx/model.onnx and names a flat pick by the fallback', () => {
    const f = normalizeFolder([file('config.json', '{}'), file('model.onnx', new Uint8Array(1))], 'dropped');
    expect(f.name).toBe('dropped');
    expect([...f.files.keys()]).toEqual(['config.json', 'onnx/model.onnx']);
  });
});

describe('validateModelFolder', () => {
  it('a good folder validates: capabilities from the graph (fill-mask from model_mlm), needed files read', async () => {
    const files = good();
    const { ok, problems } = await validateModelFolder(normalizeFolder(files));
    expect(problems).toEqual([]);
    expect(ok!.name).toBe('tiny');
    expect(ok!.files.map((f) => f.path).sort()).toEqual(['config.json', 'onnx/model.onnx', 'onnx/model_mlm_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(ok!.capabilities).toMatchObject({ featureExtraction: true, attentions: true, fillMask: true, tokenClassification: false, hiddenSize: 4 });
    expect(ok!.outputs['onnx/model.onnx']).toEqual(['last_hidden_state', 'attentions.0']);
    expect(ok!.maxLength).toBe(32);
    expect(files.find((f) => f.path.endsWith('pytorch_model.bin'))!.reads).toBe(0);
  });

  it('a folder whose graph takes pixel_values is stored, but its capabilities say it serves nothing and why', async () => {
    const files = good().map((f) =>
      f.path === 'tiny/onnx/model.onnx' ? file(f.path, passThroughGraph([{ name: 'pixel_values', elemType: 1, shape: ['b', 3, 8, 8] }], ['last_hidden_state'])) : f,
    );
    const { ok, problems } = await validateModelFolder(normalizeFolder(files));
    expect(problems).toEqual([]);
    expect(ok!.capabilities).toMatchObject({ featureExtraction: false, attentions: false, tokenClassification: false, unsupportedInputs: ['pixel_values'] });
    // its masked-LM graph takes BERT's inputs, so fill-mask stays
    expect(ok!.capabilities.fillMask).toBe(true);
  });

  it('a folder without config.json is refused, naming the file, before anything is read', async () => {
    const files = good().filter((f) => !f.path.endsWith('/config.json'));
    expect(await codes(files)).toEqual(['file-missing']);
    const { problems } = await validateModelFolder(normalizeFolder(files));
    expect(problems[0]!.userMessage.en).toContain('config.json');
    expect(files.every((f) => f.reads === 0)).toBe(true);
  });

  it('a folder without any ONNX graph is refused', async () => {
    expect(await codes(good().filter((f) => !f.path.endsWith('.onnx')))).toEqual(['no-onnx']);
  });

  it('a truncated or corrupt .onnx is refused as corrupt, naming the graph', async () => {
    const graph = toyEncoder();
    const files = good().map((f) => (f.path.endsWith('model.onnx') ? file(f.path, graph.subarray(0, graph.length - 30)) : f));
    const { ok, problems } = await validateModelFolder(normalizeFolder(files));
    expect(ok).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['onnx-corrupt']);
    expect(problems[0]!.userMessage.en).toContain('onnx/model.onnx');
    expect(await codes(good().map((f) => (f.path.endsWith('model.onnx') ? file(f.path, 'not a graph at all, just text') : f)))).toEqual(['onnx-corrupt']);
  });

  it('a tokenizer.json that is not JSON is refused', async () => {
    expect(await codes(good().map((f) => (f.path.endsWith('/tokenizer.json') ? file(f.path, '{"model": {"vocab": ') : f)))).toEqual(['tokenizer-not-json']);
  });

  it('an absurd config (10⁹ labels) is refused', async () => {
    expect(await codes(good().map((f) => (f.path.endsWith('config.json') && !f.path.includes('tokenizer') ? file(f.path, enc({ num_labels: 1e9 })) : f)))).toEqual(['config-absurd']);
  });

  it('several problems are all reported', async () => {
    const files = good().map((f) =>
      f.path.endsWith('/tokenizer.json') ? file(f.path, 'nope') : f.path.endsWith('/config.json') ? file(f.path, '[') : f,
    );
    expect(await codes(files)).toEqual(['config-not-json', 'tokenizer-not-json']);
  });

  it('files over the size caps are refused without being read', async () => {
    const files = good().map((f) => (f.path.endsWith('onnx/model.onnx') ? file(f.path, new Uint8Array(1), LIMITS.onnxBytes + 1) : f));
    expect(await codes(files)).toEqual(['file-too-large']);
    expect(files.every((f) => f.reads === 0)).toBe(true);
  });
});
