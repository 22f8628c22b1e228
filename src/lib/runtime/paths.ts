/** Where the ONNX Runtime Web files (`ort-wasm-simd-threaded*.{mjs,wasm}`) are served, dev and build alike. */
export const ORT_WASM_BASE = import.meta.env.BASE_URL + 'ort/';
/** Where the shipped models are served: `${MODELS_BASE}<id>/config.json`, and `${MODELS_BASE}manifest.json`. */
export const MODELS_BASE = import.meta.env.BASE_URL + 'models/';
