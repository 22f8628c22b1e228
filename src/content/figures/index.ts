import type { LessonFigure } from './types';

/** Figure modules, one per file `<figure-id>.ts`, loaded on demand. Helper modules beside them are not figures. */
const modules = import.meta.glob<{ figure?: LessonFigure }>(['./*.ts', '!./*.test.ts', '!./index.ts', '!./types.ts']);

const loaders = new Map<string, () => Promise<{ figure?: LessonFigure }>>(
  Object.entries(modules).map(([path, load]) => [path.slice(2, -3), load]),
);

/** Ids of every module file in this folder (figures and their helpers). */
export function figureModuleIds(): string[] {
  return [...loaders.keys()].sort();
}

/** Load the figure with this id; rejects if no module of that name exports a `figure` with that id. */
export async function loadFigure(id: string): Promise<LessonFigure> {
  const load = loaders.get(id);
  if (!load) throw new Error(`unknown figure "${id}"`);
  const { figure } = await load();
  if (!figure || figure.id !== id) throw new Error(`module ${id}.ts does not export a figure with id "${id}"`);
  return figure;
}
