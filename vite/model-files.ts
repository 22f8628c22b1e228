import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders under `models/` that are tooling, not shippable models. */
const EXCLUDED_MODEL_IDS = new Set(['factory']);
/** Folder names never shipped, at any depth. */
const EXCLUDED_DIRS = new Set(['checkpoints', 'work', '__pycache__', 'node_modules']);
/** Training artefacts and sources that are never shipped. */
const EXCLUDED_EXTENSIONS = ['.pt', '.pth', '.ckpt', '.safetensors', '.py', '.pyc', '.log'];

export interface ModelFile {
  /** Path relative to the model folder, with `/` separators. */
  path: string;
  size: number;
}

export interface ShippedModel {
  id: string;
  files: ModelFile[];
  totalBytes: number;
}

export interface ModelManifest {
  models: ShippedModel[];
}

/** Whether a path relative to `models/` (with `/` separators) may be served and shipped. */
export function isShippableModelPath(relPath: string): boolean {
  const parts = relPath.split('/');
  if (parts.length < 2) return relPath === 'manifest.json';
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'))) return false;
  if (EXCLUDED_MODEL_IDS.has(parts[0]!)) return false;
  if (parts.slice(0, -1).some((p) => EXCLUDED_DIRS.has(p))) return false;
  const name = parts[parts.length - 1]!.toLowerCase();
  return !EXCLUDED_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function walk(dir: string, root: string, out: ModelFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = join(dir, entry.name);
    const rel = relative(root, abs).split(sep).join('/');
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !EXCLUDED_DIRS.has(entry.name)) walk(abs, root, out);
    } else if (entry.isFile() && isShippableModelPath(rel)) {
      out.push({ path: rel, size: statSync(abs).size });
    }
  }
}

/**
 * Every `models/<id>/` folder holding a `config.json` is a shipped model;
 * its shippable files are listed with their sizes.
 */
export function buildModelManifest(modelsDir: string): ModelManifest {
  if (!existsSync(modelsDir)) return { models: [] };
  const models: ShippedModel[] = [];
  for (const entry of readdirSync(modelsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || EXCLUDED_MODEL_IDS.has(entry.name) || entry.name.startsWith('.')) continue;
    const dir = join(modelsDir, entry.name);
    if (!existsSync(join(dir, 'config.json'))) continue;
    const collected: ModelFile[] = [];
    walk(dir, modelsDir, collected);
    const files = collected.map((f) => ({ path: f.path.slice(entry.name.length + 1), size: f.size }));
    models.push({ id: entry.name, files, totalBytes: files.reduce((s, f) => s + f.size, 0) });
  }
  return { models };
}
