import { isSpecialToken } from './token-filter';

export const MASK_TOKEN = '[MASK]';

/**
 * Text the tokenizer turns back into `tokens` with token `index` replaced by [MASK], for fill-mask,
 * which takes text. WordPiece continuations (`##ing`) are glued to the piece before them; special
 * tokens are dropped; a pair is joined with ` [SEP] ` so the model sees both sentences.
 * Uncased vocabularies lose the original case, which the uncased tokenizer ignores anyway.
 */
export function maskedText(tokens: readonly string[], segments: readonly number[], index: number): string {
  if (index < 0 || index >= tokens.length || isSpecialToken(tokens[index]!)) throw new RangeError(`token ${index} cannot be masked`);
  const parts: string[][] = [[], []];
  tokens.forEach((token, i) => {
    if (isSpecialToken(token)) return;
    const words = parts[segments[i] === 1 ? 1 : 0]!;
    const piece = i === index ? MASK_TOKEN : token;
    if (token.startsWith('##') && words.length > 0) words[words.length - 1] += i === index ? piece : piece.slice(2);
    else words.push(piece);
  });
  const [a, b] = parts.map((words) => words.join(' '));
  return b ? `${a} [SEP] ${b}` : a!;
}

/** The index of the first token that spells `word` (case-insensitive, whole token), or -1. */
export function findToken(tokens: readonly string[], word: string): number {
  const w = word.toLowerCase();
  return tokens.findIndex((t) => t.toLowerCase() === w);
}
