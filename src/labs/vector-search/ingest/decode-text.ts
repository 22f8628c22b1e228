/**
 * Bytes → text for the learner's files. UTF-8 (with or without BOM) and UTF-16 with a BOM are read
 * as such; bytes that are not valid UTF-8 are tried as GB18030 (Chinese files from older Windows
 * tools) when that gives mostly Chinese text, else read as Windows-1252 (Latin-1) — in both cases
 * with a notice naming the encoding used. Binary files are recognised and refused.
 */

export type TextEncodingUsed = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingUsed; /** true when the bytes were not UTF-8 and another encoding was guessed. */ guessed: boolean }
  | { ok: false; reason: 'binary'; kind: string };

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP / Office', [0x50, 0x4b, 0x03, 0x04]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['WebAssembly', [0x00, 0x61, 0x73, 0x6d]],
  ['OLE (old Office)', [0xd0, 0xcf, 0x11, 0xe0]],
];

/** A name for the binary format of `bytes`, or null when they look like text. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return name;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return head.length > 0 && control / head.length > 0.1 ? 'binary' : null;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/g;

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', guessed: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', guessed: false };
  const kind = binaryKind(bytes);
  if (kind) return { ok: false, reason: 'binary', kind };
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8.replace(/^\uFEFF/, ''), encoding: 'utf-8', guessed: false };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) {
    const nonAscii = gb.replace(/[\x00-\x7f]/g, '').length;
    const cjk = (gb.match(CJK) ?? []).length;
    if (nonAscii > 0 && cjk / nonAscii >= 0.8) return { ok: true, text: gb, encoding: 'gb18030', guessed: true };
  }
  return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', guessed: true };
}
