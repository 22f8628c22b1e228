import { describe, expect, it } from 'vitest';
import { RuntimeError } from './errors';
import { checkModelRef, formatModelRef, isHubModelId, isLocalModelName, parseModelRef } from './model-ref';

describe('parseModelRef', () => {
  it('parseModelRef(source:id) reads each source', () => {
    expect(parseModelRef('shipped:mini-bert-zh-en')).toEqual({ source: 'shipped', id: 'mini-bert-zh-en' });
    expect(parseModelRef('hub:Xenova/bert-base-NER')).toEqual({ source: 'hub', id: 'Xenova/bert-base-NER' });
    expect(parseModelRef('local:我的模型 v2')).toEqual({ source: 'local', id: '我的模型 v2' });
  });

  it('parseModelRef(bare) treats owner/name as hub and a slug as shipped', () => {
    expect(parseModelRef(' Xenova/all-MiniLM-L6-v2 ')).toEqual({ source: 'hub', id: 'Xenova/all-MiniLM-L6-v2' });
    expect(parseModelRef('mini-embed-zh-en')).toEqual({ source: 'shipped', id: 'mini-embed-zh-en' });
  });

  it('parseModelRef rejects unknown sources and malformed ids with a typed error', () => {
    for (const bad of ['cdn:x', 'hub:noslash', 'hub:../etc/passwd', 'hub:a/b/c', 'shipped:Bad_Id', 'local:a/b', 'local:']) {
      const err = (() => {
        try {
          parseModelRef(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(err, bad).toBeInstanceOf(RuntimeError);
      expect((err as RuntimeError).kind, bad).toBe('input');
    }
  });

  it('formatModelRef(parseModelRef(s)) gives s back', () => {
    for (const s of ['shipped:mini-bert-med-ner', 'hub:Xenova/bert-base-uncased', 'local:tiny bert']) {
      expect(formatModelRef(parseModelRef(s))).toBe(s);
    }
  });
});

describe('id checks', () => {
  it('isHubModelId accepts owner/name and nothing else', () => {
    expect(isHubModelId('Xenova/distilbert-base-uncased')).toBe(true);
    expect(isHubModelId('sentence-transformers/all-MiniLM-L6-v2')).toBe(true);
    expect(isHubModelId('a/b..c')).toBe(false);
    expect(isHubModelId('/b')).toBe(false);
    expect(isHubModelId('a/')).toBe(false);
    expect(isHubModelId('https://huggingface.co/a/b')).toBe(false);
  });

  it('isLocalModelName refuses separators, control characters and padding', () => {
    expect(isLocalModelName('tiny-bert')).toBe(true);
    expect(isLocalModelName(' tiny')).toBe(false);
    expect(isLocalModelName('a\\b')).toBe(false);
    expect(isLocalModelName('a\nb')).toBe(false);
    expect(isLocalModelName('x'.repeat(101))).toBe(false);
  });

  it('checkModelRef rejects a non-object', () => {
    expect(() => checkModelRef(null as never)).toThrow(RuntimeError);
  });
});
