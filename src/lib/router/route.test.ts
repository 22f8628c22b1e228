import { describe, expect, it } from 'vitest';
import { formatQuery, formatRoute, parseHash, parseQuery, type Route } from './route';

describe('parseHash(hash)', () => {
  it('maps the empty hash and #/ to the dashboard', () => {
    expect(parseHash('')).toEqual({ name: 'dashboard' });
    expect(parseHash('#')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/')).toEqual({ name: 'dashboard' });
  });

  it('parses stages, topics and summaries', () => {
    expect(parseHash('#/stage/2')).toEqual({ name: 'stage', stage: 2 });
    expect(parseHash('#/stage/2/transformer')).toEqual({ name: 'topic', stage: 2, slug: 'transformer' });
    expect(parseHash('#/stage/7/summary')).toEqual({ name: 'stage-summary', stage: 7 });
    expect(parseHash('#/stage/3/')).toEqual({ name: 'stage', stage: 3 });
  });

  it('parses labs with their query string, decoded', () => {
    expect(parseHash("#/lab/attention?text=The%20animal%20didn't%20cross")).toEqual({
      name: 'lab',
      labId: 'attention',
      query: { text: "The animal didn't cross" },
    });
    expect(parseHash('#/lab/ner')).toEqual({ name: 'lab', labId: 'ner', query: {} });
    expect(parseHash('#/models')).toEqual({ name: 'lab', labId: 'models', query: {} });
    expect(parseHash('#/bench?suite=ner')).toEqual({ name: 'lab', labId: 'bench', query: { suite: 'ner' } });
  });

  it('parses the glossary, settings, about and path pages', () => {
    expect(parseHash('#/glossary')).toEqual({ name: 'glossary', termId: null });
    expect(parseHash('#/glossary/self-attention')).toEqual({ name: 'glossary', termId: 'self-attention' });
    expect(parseHash('#/settings')).toEqual({ name: 'settings' });
    expect(parseHash('#/about')).toEqual({ name: 'about' });
    expect(parseHash('#/path')).toEqual({ name: 'path' });
  });

  it('gives not-found for malformed or unknown hashes', () => {
    for (const h of ['#/nope', '#/stage/0', '#/stage/x', '#/stage/2/Bad_Slug', '#/stage/1/a/b', '#/lab', '#/lab/a/b',
      '#/settings/x', '#/glossary/a/b', '#stage/1', '#/stage/%E0%A4%A/x', '#/glossary/UPPER']) {
      expect(parseHash(h)).toEqual({ name: 'not-found', hash: h });
    }
  });
});

describe('formatRoute(route)', () => {
  const routes: Route[] = [
    { name: 'dashboard' },
    { name: 'path' },
    { name: 'stage', stage: 4 },
    { name: 'stage-summary', stage: 1 },
    { name: 'topic', stage: 2, slug: 'transformer' },
    { name: 'glossary', termId: null },
    { name: 'glossary', termId: 'token' },
    { name: 'lab', labId: 'attention', query: { text: 'a b&c=d', layer: '2' } },
    { name: 'lab', labId: 'models', query: {} },
    { name: 'settings' },
    { name: 'about' },
  ];
  it('round-trips through parseHash', () => {
    for (const r of routes) expect(parseHash(formatRoute(r))).toEqual(r);
  });
  it('writes top-level labs without the /lab/ prefix and encodes spaces as %20', () => {
    expect(formatRoute({ name: 'lab', labId: 'bench', query: {} })).toBe('#/bench');
    expect(formatRoute({ name: 'lab', labId: 'rag', query: { q: 'a b' } })).toBe('#/lab/rag?q=a%20b');
  });
});

describe('parseQuery / formatQuery', () => {
  it('formatQuery({}) is empty and parseQuery keeps the last duplicate', () => {
    expect(formatQuery({})).toBe('');
    expect(parseQuery('a=1&a=2&b=')).toEqual({ a: '2', b: '' });
  });
});
