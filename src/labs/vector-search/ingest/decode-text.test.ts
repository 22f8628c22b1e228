// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { binaryKind, decodeText } from './decode-text';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('decodeText(bytes)', () => {
  it('reads UTF-8 and drops a BOM', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFF糖尿病 diabetes'))).toEqual({ ok: true, text: '糖尿病 diabetes', encoding: 'utf-8', guessed: false });
  });
  it('reads UTF-16 with a BOM', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0x2d, 0x4e))).toEqual({ ok: true, text: 'A中', encoding: 'utf-16le', guessed: false });
  });
  it('guesses GB18030 for Chinese bytes that are not UTF-8', () => {
    // "中文" in GBK: D6 D0 CE C4
    expect(decodeText(bytes(0xd6, 0xd0, 0xce, 0xc4, 0x0a))).toEqual({ ok: true, text: '中文\n', encoding: 'gb18030', guessed: true });
  });
  it('falls back to Windows-1252 for Latin-1 text', () => {
    // "café" in Latin-1: 63 61 66 E9
    expect(decodeText(bytes(0x63, 0x61, 0x66, 0xe9))).toEqual({ ok: true, text: 'café', encoding: 'windows-1252', guessed: true });
  });
  it('refuses binary files by signature or NUL bytes', () => {
    expect(decodeText(new TextEncoder().encode('%PDF-1.7 …'))).toEqual({ ok: false, reason: 'binary', kind: 'PDF' });
    expect(decodeText(bytes(0x41, 0x00, 0x42))).toEqual({ ok: false, reason: 'binary', kind: 'binary' });
    expect(binaryKind(new TextEncoder().encode('plain\ttext\r\n'))).toBeNull();
    expect(binaryKind(bytes(1, 2, 3, 4, 5, 65, 66))).toBe('binary');
  });
});
