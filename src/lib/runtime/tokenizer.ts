import * as transformers from '@huggingface/transformers';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { describeError, RuntimeError } from './errors';
import type { Encoding } from './truncate';

/**
 * The model's tokenizer, built by transformers.js from `tokenizer.json` + `tokenizer_config.json`
 * (the class named by `tokenizer_class`, as AutoTokenizer picks it), behind the few calls the
 * runtime needs.
 */
export interface TextTokenizer {
  encode(text: string, textPair?: string): Encoding;
  tokens(ids: readonly number[]): string[];
  decode(ids: readonly number[]): string;
  readonly padId: number;
  readonly maskId: number | null;
  readonly maskToken: string | null;
  readonly vocabSize: number;
}

const CJK = '\\u2e80-\\u2fdf\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const CJK_GAP = new RegExp(`([${CJK}]) (?=[${CJK}])`, 'g');

/** WordPiece decoding puts a space between CJK characters (`大 模 型`); Chinese is written without. */
export function joinCjk(text: string): string {
  return text.replace(CJK_GAP, '$1');
}

type TokenizerClass = new (json: object, config: object) => PreTrainedTokenizer;

function tokenizerClass(config: Record<string, unknown>): TokenizerClass {
  const name = typeof config.tokenizer_class === 'string' ? config.tokenizer_class.replace(/Fast$/, '') : '';
  const cls = (transformers as unknown as Record<string, unknown>)[name];
  return typeof cls === 'function' && cls.prototype instanceof PreTrainedTokenizer ? (cls as TokenizerClass) : PreTrainedTokenizer;
}

export function createTokenizer(json: Record<string, unknown>, config: Record<string, unknown>): TextTokenizer {
  let tok: PreTrainedTokenizer;
  try {
    tok = new (tokenizerClass(config))(json, config);
  } catch (e) {
    throw new RuntimeError('tokenizer-invalid', { detail: describeError(e) }, describeError(e));
  }
  const vocab = tok.get_vocab() as Map<string, number> | Record<string, number>;
  const entries = vocab instanceof Map ? [...vocab.entries()] : Object.entries(vocab);
  const byId = new Map<number, string>(entries.map(([t, i]) => [i, t]));
  const vocabSize = Math.max(...entries.map(([, i]) => i)) + 1;
  const unkId = tok.unk_token_id ?? -1;
  const maskId = typeof tok.mask_token_id === 'number' ? tok.mask_token_id : null;
  const specialIds = new Set((tok.all_special_ids as number[]).filter((id) => id !== unkId && id !== maskId));
  const padId = typeof tok.pad_token_id === 'number' ? tok.pad_token_id : 0;

  return {
    encode(text, textPair) {
      const r = tok(text, { text_pair: textPair ?? null, add_special_tokens: true, return_tensor: false, padding: false, truncation: false }) as unknown as {
        input_ids: number[];
        token_type_ids?: number[];
      };
      const ids = r.input_ids;
      return { ids, types: r.token_type_ids ?? new Array<number>(ids.length).fill(0), special: ids.map((id) => specialIds.has(id)) };
    },
    tokens: (ids) => ids.map((id) => byId.get(id) ?? tok.unk_token ?? '[UNK]'),
    decode: (ids) => joinCjk(tok.decode([...ids], { skip_special_tokens: true })),
    padId,
    maskId,
    maskToken: maskId === null ? null : (tok.mask_token ?? null),
    vocabSize,
  };
}
