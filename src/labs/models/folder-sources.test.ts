import { describe, expect, it } from 'vitest';
import { filesFromDirectoryHandle, filesFromDrop, filesFromInput } from './folder-sources';

const file = (name: string, text: string, rel = '') => {
  const f = new File([text], name);
  if (rel) Object.defineProperty(f, 'webkitRelativePath', { value: rel });
  return f;
};

describe('folder sources', () => {
  it('filesFromInput takes paths from webkitRelativePath and reads bytes on demand', async () => {
    const [a, b] = filesFromInput([file('config.json', '{}', 'tiny/config.json'), file('loose.onnx', 'xy')]);
    expect([a!.path, a!.size, b!.path]).toEqual(['tiny/config.json', 2, 'loose.onnx']);
    expect(Array.from(await b!.bytes())).toEqual([120, 121]);
  });

  it('filesFromDirectoryHandle walks nested directories with their names as the path', async () => {
    const dir = (name: string, children: unknown[]) => ({
      kind: 'directory' as const,
      name,
      async *values() {
        yield* children as never[];
      },
    });
    const leaf = (name: string) => ({ kind: 'file' as const, name, getFile: async () => file(name, name) });
    const files = await filesFromDirectoryHandle(dir('tiny', [leaf('config.json'), dir('onnx', [leaf('model.onnx')])]));
    expect(files.map((f) => f.path)).toEqual(['tiny/config.json', 'tiny/onnx/model.onnx']);
  });

  it('filesFromDrop walks a dropped folder entry (directory readers return entries in batches)', async () => {
    const fileEntry = (name: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(file(name, name)) });
    const dirEntry = (name: string, batches: unknown[][]) => ({
      isFile: false,
      isDirectory: true,
      name,
      createReader: () => {
        let i = 0;
        return { readEntries: (ok: (e: unknown[]) => void) => ok(batches[i++] ?? []) };
      },
    });
    const root = dirEntry('tiny', [[fileEntry('config.json')], [dirEntry('onnx', [[fileEntry('model.onnx')]])]]);
    const dt = { items: [{ webkitGetAsEntry: () => root }], files: [] } as unknown as DataTransfer;
    expect((await filesFromDrop(dt)).map((f) => f.path)).toEqual(['tiny/config.json', 'tiny/onnx/model.onnx']);
    const loose = { items: [], files: [file('model.onnx', 'x')] } as unknown as DataTransfer;
    expect((await filesFromDrop(loose)).map((f) => f.path)).toEqual(['model.onnx']);
  });
});
