/**
 * The parts of a Hugging Face `tokenizer.json` that a BERT WordPiece tokenizer needs, read and
 * checked: BertNormalizer settings, BertPreTokenizer, the WordPiece vocabulary and the added
 * (special) tokens. Anything else (BPE, Unigram, other normalizers) is `UnsupportedTokenizerError`.
 */

export interface BertNormalizerConfig {
  cleanText: boolean;
  handleChineseChars: boolean;
  lowercase: boolean;
  /** `null` follows `lowercase`, as in the Hugging Face tokenizers. */
  stripAccents: boolean | null;
}

export interface AddedTokenSpec {
  id: number;
  content: string;
  /** Matched in the normalized text (true) or in the raw text (false). */
  normalized: boolean;
}

export interface WordPieceSpec {
  /** `null` when the tokenizer has no normalizer. */
  normalizer: BertNormalizerConfig | null;
  vocab: ReadonlyMap<string, number>;
  /** Token string by id. */
  idToToken: readonly string[];
  unkToken: string;
  unkId: number;
  prefix: string;
  maxInputCharsPerWord: number;
  addedTokens: readonly AddedTokenSpec[];
  clsId: number;
  sepId: number;
  padId: number;
}

export class UnsupportedTokenizerError extends Error {
  override name = 'UnsupportedTokenizerError';
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readNormalizer(n: unknown): BertNormalizerConfig | null {
  if (n === null || n === undefined) return null;
  if (!isObject(n) || n.type !== 'BertNormalizer') {
    throw new UnsupportedTokenizerError(`normalizer ${isObject(n) ? String(n.type) : typeof n} is not BertNormalizer`);
  }
  const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
  return {
    cleanText: bool(n.clean_text, true),
    handleChineseChars: bool(n.handle_chinese_chars, true),
    lowercase: bool(n.lowercase, true),
    stripAccents: typeof n.strip_accents === 'boolean' ? n.strip_accents : null,
  };
}

function specialId(json: Json, vocab: ReadonlyMap<string, number>, name: string): number {
  const post = json.post_processor;
  if (isObject(post) && isObject(post.special_tokens)) {
    const entry = post.special_tokens[name];
    if (isObject(entry) && Array.isArray(entry.ids) && typeof entry.ids[0] === 'number') return entry.ids[0];
  }
  const id = vocab.get(name);
  if (id === undefined) throw new UnsupportedTokenizerError(`no ${name} token in the vocabulary`);
  return id;
}

/** Reads a parsed `tokenizer.json`; throws `UnsupportedTokenizerError` unless it is BERT WordPiece. */
export function readWordPieceSpec(json: unknown): WordPieceSpec {
  if (!isObject(json)) throw new UnsupportedTokenizerError('tokenizer.json is not an object');
  const model = json.model;
  if (!isObject(model) || model.type !== 'WordPiece') {
    throw new UnsupportedTokenizerError(`model ${isObject(model) ? String(model.type) : 'missing'} is not WordPiece`);
  }
  const pre = json.pre_tokenizer;
  if (!isObject(pre) || pre.type !== 'BertPreTokenizer') {
    throw new UnsupportedTokenizerError(`pre-tokenizer ${isObject(pre) ? String(pre.type) : 'missing'} is not BertPreTokenizer`);
  }
  if (!isObject(model.vocab)) throw new UnsupportedTokenizerError('WordPiece vocab missing');
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(model.vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new UnsupportedTokenizerError(`bad id for "${token}"`);
    vocab.set(token, id);
  }
  const addedTokens: AddedTokenSpec[] = [];
  for (const t of Array.isArray(json.added_tokens) ? json.added_tokens : []) {
    if (!isObject(t) || typeof t.id !== 'number' || typeof t.content !== 'string' || t.content === '') continue;
    addedTokens.push({ id: t.id, content: t.content, normalized: t.normalized === true });
    vocab.set(t.content, t.id);
  }
  const idToToken: string[] = [];
  for (const [token, id] of vocab) idToToken[id] = token;
  const unkToken = typeof model.unk_token === 'string' ? model.unk_token : '[UNK]';
  const unkId = vocab.get(unkToken);
  if (unkId === undefined) throw new UnsupportedTokenizerError(`unknown token ${unkToken} not in the vocabulary`);
  return {
    normalizer: readNormalizer(json.normalizer),
    vocab,
    idToToken,
    unkToken,
    unkId,
    prefix: typeof model.continuing_subword_prefix === 'string' ? model.continuing_subword_prefix : '##',
    maxInputCharsPerWord: typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : 100,
    addedTokens,
    clsId: specialId(json, vocab, '[CLS]'),
    sepId: specialId(json, vocab, '[SEP]'),
    padId: vocab.get('[PAD]') ?? 0,
  };
}
