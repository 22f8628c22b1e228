import type { AttentionStack } from './attention-stack';

/** A precomputed result (example.json, made by tools/make-example.mjs), shown while the model loads. */
export interface AttentionExample {
  /** Where it was computed, e.g. `models/mini-bert-zh-en`. */
  model: string;
  note: string | null;
  text: string;
  textPair: string;
  tokens: string[];
  segments: number[];
  stack: AttentionStack;
}

/** Checks and unpacks example.json. @throws RangeError naming the first bad field. */
export function parseExample(json: unknown): AttentionExample {
  const o = json as Record<string, unknown>;
  const fail = (field: string): never => {
    throw new RangeError(`attention example: bad "${field}"`);
  };
  if (o === null || typeof o !== 'object') fail('(root)');
  for (const f of ['model', 'text', 'textPair'] as const) if (typeof o[f] !== 'string') fail(f);
  const { layers, heads, seq, tokens, segments, attentions } = o;
  for (const [f, v] of Object.entries({ layers, heads, seq })) if (!Number.isInteger(v) || (v as number) < 1) fail(f);
  const [l, h, n] = [layers, heads, seq] as number[];
  if (!Array.isArray(tokens) || tokens.length !== n || !tokens.every((t) => typeof t === 'string')) fail('tokens');
  if (!Array.isArray(segments) || segments.length !== n || !segments.every((s) => s === 0 || s === 1)) fail('segments');
  if (!Array.isArray(attentions) || attentions.length !== l) fail('attentions');
  const data = (attentions as unknown[]).map((layer) => {
    if (!Array.isArray(layer) || layer.length !== h! * n! * n! || !layer.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) fail('attentions');
    return Float32Array.from(layer as number[]);
  });
  return {
    model: o.model as string,
    note: typeof o.note === 'string' ? o.note : null,
    text: o.text as string,
    textPair: o.textPair as string,
    tokens: tokens as string[],
    segments: segments as number[],
    stack: { layers: l!, heads: h!, seq: n!, data },
  };
}
