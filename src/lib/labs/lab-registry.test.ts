import { describe, expect, it } from 'vitest';
import { collectLabs } from './lab-registry';

const load = async () => ({ default: (() => {}) as never });

describe('collectLabs(modules)', () => {
  it('indexes lab modules by id', () => {
    const labs = collectLabs({ '/src/labs/attention/lab.ts': { lab: { id: 'attention', load } } });
    expect([...labs.keys()]).toEqual(['attention']);
  });
  it('rejects a module whose id is not its folder name', () => {
    expect(() => collectLabs({ '/src/labs/ner/lab.ts': { lab: { id: 'nerr', load } } })).toThrow(/id "ner"/);
  });
});
