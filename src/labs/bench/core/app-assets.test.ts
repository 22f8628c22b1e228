import { describe, expect, it } from 'vitest';
import { entryAssets, precacheUrls, staticClosure, staticImports } from './app-assets';

describe('entryAssets', () => {
  it('entryAssets lists the entry script, module preloads and style sheets, not icons or the manifest', () => {
    const html = `<link rel="icon" href="/icons/icon.svg" /><script type="module" crossorigin src="/assets/index-A.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-B.js"><link rel="stylesheet" crossorigin href="/assets/index-C.css"><link rel="manifest" href="/manifest.webmanifest">`;
    expect(entryAssets(html)).toEqual({ scripts: ['assets/index-A.js', 'assets/vendor-B.js'], styles: ['assets/index-C.css'] });
  });
});

describe('staticImports', () => {
  it('staticImports finds minified static imports and re-exports, not dynamic import()', () => {
    const code = 'import{a as b}from"./chunk-1.js";import"./side.js";export{c}from"../up.js";const d=()=>import("./lazy.js");';
    expect(staticImports(code)).toEqual(['./chunk-1.js', './side.js', '../up.js']);
  });
});

describe('staticClosure', () => {
  it('staticClosure follows imports between chunks once, skipping missing files', () => {
    const files: Record<string, string> = {
      'assets/index.js': 'import{x}from"./a.js";import("./lazy.js")',
      'assets/a.js': 'import"./b.js";import"./index.js";import"./gone.js"',
      'assets/b.js': '',
      'assets/lazy.js': '',
    };
    expect(staticClosure(['assets/index.js'], (p) => files[p] ?? null)).toEqual(['assets/a.js', 'assets/b.js', 'assets/index.js']);
  });
});

describe('precacheUrls', () => {
  it('precacheUrls reads the workbox precache manifest', () => {
    const sw = 'define(["./workbox-1"],(function(e){e.precacheAndRoute([{url:"index.html",revision:"abc"},{url:"assets/x.js",revision:null},{url:"models/m/onnx/model.onnx",revision:"1"}],{})}));';
    expect(precacheUrls(sw)).toEqual(['index.html', 'assets/x.js', 'models/m/onnx/model.onnx']);
  });
});
