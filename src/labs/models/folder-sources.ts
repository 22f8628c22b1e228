import type { PickedFile } from '../../lib/runtime/model-folder';

/**
 * Turns the three ways a learner can hand over a folder into PickedFiles: the directory picker
 * (`showDirectoryPicker`), a folder dropped on the page, and `<input type=file webkitdirectory>`.
 * Bytes are read only when validation asks for them.
 */

function picked(file: File, path: string): PickedFile {
  return { path, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** Files of `<input webkitdirectory>` (paths from `webkitRelativePath`, e.g. `tiny-bert/onnx/model.onnx`). */
export function filesFromInput(list: FileList | readonly File[]): PickedFile[] {
  return Array.from(list, (f) => picked(f, f.webkitRelativePath || f.name));
}

interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandleLike | { kind: 'file'; name: string; getFile(): Promise<File> }>;
}

/** Every file under a directory handle from `showDirectoryPicker()`. */
export async function filesFromDirectoryHandle(dir: DirectoryHandleLike, prefix: string = dir.name): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  for await (const entry of dir.values()) {
    const path = `${prefix}/${entry.name}`;
    if (entry.kind === 'directory') out.push(...(await filesFromDirectoryHandle(entry, path)));
    else out.push(picked(await entry.getFile(), path));
  }
  return out;
}

export function canPickDirectory(): boolean {
  return typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';
}

/** Opens the directory picker; null when the learner cancels. */
export async function pickDirectory(): Promise<PickedFile[] | null> {
  const pickerFn = (globalThis as unknown as { showDirectoryPicker: (o?: object) => Promise<DirectoryHandleLike> }).showDirectoryPicker;
  try {
    return await filesFromDirectoryHandle(await pickerFn({ mode: 'read' }));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walkEntry(entry: FileSystemEntry, path: string, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(picked(file, path));
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walkEntry(child, `${path}/${child.name}`, out);
  }
}

/** Files of a folder (or loose files) dropped on the page. */
export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const entries = Array.from(dt.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => e != null);
  if (entries.length === 0) return filesFromInput(Array.from(dt.files));
  for (const entry of entries) await walkEntry(entry, entry.name, out);
  return out;
}
