/** wasm-bindgen's glue of voy-search (its package types only the bundler entry). */
declare module 'voy-search/voy_search_bg.js' {
  export function __wbg_set_wasm(exports: WebAssembly.Exports): void;
  export class Voy {
    constructor(resource: { embeddings: { id: string; title: string; url: string; embeddings: number[] }[] });
    search(query: Float32Array, k: number): { neighbors: { id: string; title: string; url: string }[] };
    free(): void;
  }
}

/** hnswlib-wasm's module entry, imported by path (its package.json has no `main` for Node-side resolution). */
declare module 'hnswlib-wasm/dist/hnswlib.js' {
  export function loadHnswlib(): Promise<unknown>;
}
