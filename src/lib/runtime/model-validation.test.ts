import { describe, expect, it } from 'vitest';
import { RuntimeError } from './errors';
import { checkFileSize, LIMITS, maxInputLength, validateConfig, validateOnnx, validateTokenizer, validateTokenizerConfig } from './model-validation';
import { toyEncoder, writeOnnx } from './test-support/onnx-writer';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuntimeError) return e.code;
    throw e;
  }
  return undefined;
}

describe('validateConfig', () => {
  it('validateConfig(a BERT config) returns it', () => {
    const cfg = { architectures: ['BertModel'], vocab_size: 16000, hidden_size: 256, num_attention_heads: 4, num_hidden_layers: 4, max_position_embeddings: 256 };
    expect(validateConfig(enc(cfg))).toEqual(cfg);
  });

  it('validateConfig refuses text that is not JSON, naming config.json', () => {
    expect(codeOf(() => validateConfig(enc('{"vocab_size": 3,')))).toBe('config-not-json');
    expect(codeOf(() => validateConfig(new Uint8Array([0xff, 0xfe, 0x00])))).toBe('config-not-json');
  });

  it('validateConfig refuses absurd sizes: 10⁹ labels, a 10⁹ vocabulary, 10⁶ layers', () => {
    expect(codeOf(() => validateConfig(enc({ num_labels: 1e9 })))).toBe('config-absurd');
    expect(codeOf(() => validateConfig(enc({ vocab_size: 1e9 })))).toBe('config-absurd');
    expect(codeOf(() => validateConfig(enc({ num_hidden_layers: 1e6 })))).toBe('config-absurd');
    const err = (() => {
      try {
        validateConfig(enc({ vocab_size: 1e9 }));
      } catch (e) {
        return e as RuntimeError;
      }
    })();
    expect(err?.userMessage.en).toContain('vocab_size = 1000000000');
    expect(err?.userMessage.zh).toContain('vocab_size');
  });

  it('validateConfig refuses non-objects, bad types and inconsistent heads', () => {
    expect(codeOf(() => validateConfig(enc([1, 2])))).toBe('config-invalid');
    expect(codeOf(() => validateConfig(enc({ hidden_size: '256' })))).toBe('config-invalid');
    expect(codeOf(() => validateConfig(enc({ hidden_size: 250, num_attention_heads: 4 })))).toBe('config-invalid');
    expect(codeOf(() => validateConfig(enc({ architectures: 'BertModel' })))).toBe('config-invalid');
    expect(codeOf(() => validateConfig(enc({ id2label: Object.fromEntries(Array.from({ length: LIMITS.labels + 1 }, (_, i) => [i, 'x'])) })))).toBe('config-absurd');
  });
});

describe('validateTokenizer', () => {
  it('validateTokenizer accepts a WordPiece tokenizer.json', () => {
    const tok = { model: { type: 'WordPiece', vocab: { '[PAD]': 0, '[UNK]': 1 } } };
    expect(validateTokenizer(enc(tok))).toEqual(tok);
  });

  it('validateTokenizer refuses text that is not JSON, and JSON that is not a tokenizer', () => {
    expect(codeOf(() => validateTokenizer(enc('<html>404</html>')))).toBe('tokenizer-not-json');
    expect(codeOf(() => validateTokenizer(enc({ version: '1.0' })))).toBe('tokenizer-invalid');
    expect(codeOf(() => validateTokenizer(enc({ model: { type: 'BPE', vocab: {} } })))).toBe('tokenizer-invalid');
  });

  it('validateTokenizer refuses a vocabulary above the limit, naming tokenizer.json', () => {
    const huge = { model: { type: 'Unigram', vocab: Array.from({ length: LIMITS.vocab + 1 }, (_, i) => [`t${i}`, 0]) } };
    let error: unknown = null;
    try {
      validateTokenizer(enc(huge));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'tokenizer-absurd', params: { value: LIMITS.vocab + 1, max: LIMITS.vocab } });
    expect((error as { userMessage: { en: string } }).userMessage.en).toMatch(/^tokenizer\.json does not look like a real tokenizer: its vocabulary has 2000001 entries/);
  }, 120_000); // a 2·10⁶-entry tokenizer.json is ~30 MB of JSON to build and parse

  it('validateTokenizerConfig: absent is {}, broken is refused', () => {
    expect(validateTokenizerConfig(null)).toEqual({});
    expect(codeOf(() => validateTokenizerConfig(enc('nope')))).toBe('tokenizer-config-not-json');
  });
});

describe('validateOnnx', () => {
  it('validateOnnx(good graph) returns its summary', () => {
    expect(validateOnnx('onnx/model.onnx', toyEncoder()).outputs.map((o) => o.name)).toEqual(['last_hidden_state', 'attentions.0']);
  });

  it('validateOnnx refuses a truncated graph, naming the file', () => {
    const bytes = toyEncoder();
    try {
      validateOnnx('onnx/model.onnx', bytes.subarray(0, bytes.length - 40));
      expect.unreachable();
    } catch (e) {
      expect((e as RuntimeError).code).toBe('onnx-corrupt');
      expect((e as RuntimeError).userMessage.en).toContain('onnx/model.onnx');
    }
  });

  it('validateOnnx refuses external-data graphs', () => {
    const bytes = writeOnnx({
      inputs: [{ name: 'x', elemType: 1, shape: [1] }],
      outputs: [{ name: 'y', elemType: 1, shape: [1] }],
      nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
      initializers: [{ name: 'w', dims: [1], values: [], external: true }],
    });
    expect(codeOf(() => validateOnnx('onnx/model.onnx', bytes))).toBe('onnx-external-data');
  });
});

describe('limits', () => {
  it('checkFileSize caps graphs at 1 GiB and JSON files at 64 MiB', () => {
    expect(() => checkFileSize('onnx/model.onnx', LIMITS.onnxBytes)).not.toThrow();
    expect(codeOf(() => checkFileSize('onnx/model.onnx', LIMITS.onnxBytes + 1))).toBe('file-too-large');
    expect(codeOf(() => checkFileSize('tokenizer.json', LIMITS.jsonBytes + 1))).toBe('file-too-large');
  });

  it('maxInputLength takes the smaller of the position table and the tokenizer limit', () => {
    expect(maxInputLength({ max_position_embeddings: 512 }, { model_max_length: 256 })).toBe(256);
    expect(maxInputLength({ max_position_embeddings: 256 }, { model_max_length: 1e30 })).toBe(256);
    expect(maxInputLength({}, {})).toBe(512);
  });
});
