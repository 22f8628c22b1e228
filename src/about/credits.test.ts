import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildModelManifest } from '../../vite/model-files';
import { allCredits } from './credits';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('credits.json', () => {
  it('credits every runtime dependency with the licence its package declares', () => {
    for (const name of Object.keys(pkg.dependencies)) {
      const credit = allCredits.libraries.find((l) => l.name === name);
      expect(credit, `${name} is not credited`).toBeDefined();
      const declared = JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8')).license;
      expect(credit!.license, name).toBe(declared);
    }
  });

  it('credits every shipped model (models/<id>/ with a config.json) with a licence and a source', () => {
    for (const { id } of buildModelManifest(resolve(root, 'models')).models) {
      const credit = allCredits.models.find((m) => m.id === id);
      expect(credit, `model ${id} is not credited in src/about/credits.json`).toBeDefined();
      expect(credit!.license.length).toBeGreaterThan(0);
      expect(credit!.source.zh.length * credit!.source.en.length).toBeGreaterThan(0);
    }
  });
});
