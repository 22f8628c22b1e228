import type { LabModule } from '../../labs/types';

const found = import.meta.glob<{ lab: LabModule }>('/src/labs/*/lab.ts', { eager: true });

/** Lab modules by id, from `src/labs/<id>/lab.ts`. A module whose id differs from its folder is an error. */
export function collectLabs(modules: Record<string, { lab: LabModule }>): Map<string, LabModule> {
  const labs = new Map<string, LabModule>();
  for (const [path, mod] of Object.entries(modules)) {
    const folder = /\/src\/labs\/([^/]+)\/lab\.ts$/.exec(path)?.[1];
    if (!mod.lab || mod.lab.id !== folder) throw new Error(`${path} must export \`lab\` with id "${folder}"`);
    labs.set(mod.lab.id, mod.lab);
  }
  return labs;
}

export const labModules: ReadonlyMap<string, LabModule> = collectLabs(found);
