import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The service worker precaches the shell, the ORT asyncify build and the shipped models (offline-first). */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['icons/*.svg', 'icons/*.png'],
  manifest: {
    name: '大模型学习实验室 · LLM Learning Lab',
    short_name: 'LLM Lab',
    description: '一条走进大语言模型的学习路径，真实的小模型在浏览器里运行。 A learning path into large language models, with small real models running in your browser.',
    lang: 'zh-CN',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: '#f7f7f4',
    theme_color: '#1f4e79',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,webmanifest,json,jsonl,woff2,wasm,onnx,txt,model}'],
    // The plain (non-asyncify) ORT build is only for old Safari: cached on first use instead.
    globIgnores: ['ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs'],
    maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/(ort|models)\//],
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/ort/'),
        handler: 'CacheFirst',
        options: { cacheName: 'ort-runtime' },
      },
    ],
  },
};
