import { describe, expect, it } from 'vitest';
import { escapeXml, headViewSvg, imageGridSvg, matrixSvg, PALETTES } from './export-svg';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

describe('headViewSvg(input)', () => {
  const svg = headViewSvg({
    title: 'Layer 1 <all heads>',
    left: ['[CLS]', '<script>'],
    right: ['[CLS]', 'b&c'],
    buckets: [{ head: 1, opacity: 0.5, pairs: [0, 0, 1, 1] }],
    colors: ['#111111', '#4e79a7'],
    theme: 'auto',
  });
  it('is well-formed XML with escaped tokens', () => {
    const doc = parse(svg);
    expect(doc.querySelector('parsererror')).toBeNull();
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(['Layer 1 <all heads>', '[CLS]', '<script>', '[CLS]', 'b&c']);
    expect(doc.querySelector('script')).toBeNull();
  });
  it('draws one path per bucket in the head colour, with the bucket opacity', () => {
    const paths = [...parse(svg).querySelectorAll('path')];
    expect(paths).toHaveLength(1);
    expect(paths[0]!.getAttribute('stroke')).toBe('#4e79a7');
    expect(paths[0]!.getAttribute('stroke-opacity')).toBe('0.500');
    expect(paths[0]!.getAttribute('d')!.match(/M/g)).toHaveLength(2);
  });
  it('bakes in both themes for auto, one theme otherwise', () => {
    expect(svg).toContain(PALETTES.light.bg);
    expect(svg).toContain(`@media (prefers-color-scheme: dark){.bg{fill:${PALETTES.dark.bg}}`);
    const dark = headViewSvg({ title: '', left: [], right: [], buckets: [], colors: [], theme: 'dark' });
    expect(dark).toContain(PALETTES.dark.fg);
    expect(dark).not.toContain(PALETTES.light.fg);
  });
});

describe('matrixSvg(input)', () => {
  it('draws a rect per visible cell, skipping ones too faint to see', () => {
    const svg = matrixSvg({ title: 't', rows: ['a', 'b'], cols: ['c', 'd'], values: [1, 0, 0.5, 0.001], cell: (v) => ({ color: '#1f5f99', opacity: v }), theme: 'light' });
    const doc = parse(svg);
    expect(doc.querySelector('parsererror')).toBeNull();
    const cells = [...doc.querySelectorAll('rect[fill="#1f5f99"]')].map((r) => r.getAttribute('fill-opacity'));
    expect(cells).toEqual(['1.000', '0.500']);
  });
});

describe('imageGridSvg(input)', () => {
  it('embeds PNG data URLs only', () => {
    const svg = imageGridSvg({ title: 'm', rowLabels: ['L1'], colLabels: ['H1', 'H2'], images: ['data:image/png;base64,AAAA', 'javascript:alert(1)'], cellSize: 64, theme: 'light' });
    const images = [...parse(svg).querySelectorAll('image')];
    expect(images.map((i) => i.getAttribute('href'))).toEqual(['data:image/png;base64,AAAA']);
  });
});

describe('escapeXml(s)', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
