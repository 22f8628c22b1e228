import { describe, expect, it } from 'vitest';
import { leafKeys, mergeCatalogues, pickInitialLang } from './catalogue';

describe('mergeCatalogues(files)', () => {
  it('merges one namespace per file, per language', () => {
    const merged = mergeCatalogues({
      '/src/lib/i18n.en.json': { shell: { a: 'A' } },
      '/src/lib/i18n.zh.json': { shell: { a: '甲' } },
      '/src/x/i18n.en.json': { x: { b: { c: 'C' } } },
    });
    expect(merged).toEqual({ en: { shell: { a: 'A' }, x: { b: { c: 'C' } } }, zh: { shell: { a: '甲' } } });
  });
  it('rejects namespace collisions and files with several namespaces', () => {
    expect(() => mergeCatalogues({ '/a/i18n.en.json': { s: {} }, '/b/i18n.en.json': { s: {} } })).toThrow(/both/);
    expect(() => mergeCatalogues({ '/a/i18n.en.json': { s: {}, t: {} } })).toThrow(/exactly one/);
  });
});

describe('leafKeys(tree)', () => {
  it('lists dotted leaf keys, sorted', () => {
    expect(leafKeys({ b: 'x', a: { d: 'y', c: { e: 'z' } } })).toEqual(['a.c.e', 'a.d', 'b']);
  });
});

describe('pickInitialLang(stored, languages)', () => {
  it('prefers the stored choice, then the browser languages, then zh', () => {
    expect(pickInitialLang('en', ['zh-CN'])).toBe('en');
    expect(pickInitialLang(null, ['fr', 'en-GB'])).toBe('en');
    expect(pickInitialLang('bogus', ['zh-TW'])).toBe('zh');
    expect(pickInitialLang(null, ['fr'])).toBe('zh');
  });
});
