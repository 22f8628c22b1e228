import { describe, expect, it } from 'vitest';
import { searchTerms, type GlossaryTerm } from './glossary';

const term = (id: string, en: string, zh: string, defEn: string): GlossaryTerm => ({
  id, stage: 1, term: { en, zh }, definition: { en: defEn, zh: defEn },
});
const terms = [
  term('token', 'token', '词元', 'A piece of text the model reads.'),
  term('attention', 'attention', '注意力', 'Weights over tokens.'),
  term('embedding', 'embedding', '嵌入', 'A vector for a token.'),
];

describe('searchTerms(terms, query, lang)', () => {
  it('returns all terms sorted by name for an empty query', () => {
    expect(searchTerms(terms, '  ', 'en').map((t) => t.id)).toEqual(['attention', 'embedding', 'token']);
  });
  it('ranks name matches before definition matches, in either language', () => {
    expect(searchTerms(terms, 'token', 'en').map((t) => t.id)).toEqual(['token', 'attention', 'embedding']);
    expect(searchTerms(terms, '注意', 'en').map((t) => t.id)).toEqual(['attention']);
  });
});
