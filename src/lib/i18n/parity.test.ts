import { describe, expect, it } from 'vitest';
import { leafKeys, mergeCatalogues, type MessageTree } from './catalogue';

const files = import.meta.glob<unknown>('/src/**/i18n.{en,zh}.json', { eager: true, import: 'default' });

describe('message catalogues', () => {
  it('has message files, and they merge without namespace collisions', () => {
    expect(Object.keys(files).length).toBeGreaterThan(1);
    expect(() => mergeCatalogues(files)).not.toThrow();
  });

  for (const enPath of Object.keys(files).filter((p) => p.endsWith('i18n.en.json'))) {
    it(`${enPath} has exactly the key set of its zh sibling, with no empty messages`, () => {
      const zhPath = enPath.replace(/i18n\.en\.json$/, 'i18n.zh.json');
      expect(files[zhPath], `missing ${zhPath}`).toBeDefined();
      const en = files[enPath] as MessageTree;
      const zh = files[zhPath] as MessageTree;
      expect(leafKeys(zh)).toEqual(leafKeys(en));
      const empty = (t: MessageTree): boolean => Object.values(t).some((v) => (typeof v === 'string' ? v.trim() === '' : empty(v)));
      expect(empty(en) || empty(zh)).toBe(false);
    });
  }

  it('every zh file has an en sibling', () => {
    for (const zhPath of Object.keys(files).filter((p) => p.endsWith('i18n.zh.json'))) {
      expect(files[zhPath.replace(/zh\.json$/, 'en.json')], zhPath).toBeDefined();
    }
  });
});
