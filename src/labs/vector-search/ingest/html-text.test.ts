// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text';

describe('htmlToText(html)', () => {
  it('keeps the readable text with paragraph breaks and the title', () => {
    const html = `<!doctype html><html><head><title> Diabetes </title><style>p{color:red}</style></head>
      <body><h1>Type 2   diabetes</h1><p>High <b>blood</b> sugar.<br>Second line.</p>
      <script>alert(1)</script><ul><li>thirst</li><li>fatigue</li></ul></body></html>`;
    expect(htmlToText(html)).toEqual({ title: 'Diabetes', text: 'Type 2 diabetes\n\nHigh blood sugar.\nSecond line.\n\nthirst\n\nfatigue' });
  });
  it('runs nothing and loads nothing (handlers stay text-free)', () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    const r = htmlToText('<img src=x onerror="globalThis.pwned=true"><p>safe</p>');
    expect(r.text).toBe('safe');
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });
});
