/**
 * The HTTP headers the app needs wherever it is served.
 * COOP + COEP make the page cross-origin isolated, which threaded WebAssembly
 * (SharedArrayBuffer) requires. The CSP keeps every request on the app's origin,
 * except the Hugging Face Hub, contacted only when a learner asks for a Hub model.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  // No other site may frame the app (clickjacking on "delete all progress"); forms stay on the app.
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Directives that browsers ignore (with a console error) in a `<meta>` policy: they only work as a header. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy for the `<meta http-equiv>` tag in index.html: the header's, less the header-only directives. */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !HEADER_ONLY_DIRECTIVES.has(directive.split(' ')[0]!))
  .join('; ');

/**
 * The header-only directives on their own (`frame-ancestors 'none'`), for the dev server: there the `<meta>` policy
 * covers the rest, and the full policy as a header would also bind Vite's dev client.
 */
export const HEADER_ONLY_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => HEADER_ONLY_DIRECTIVES.has(directive.split(' ')[0]!))
  .join('; ');

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers for the Vite dev server (`npm run dev`): isolation, and no framing by other sites. */
export const DEV_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': HEADER_ONLY_CONTENT_SECURITY_POLICY,
};

/** Headers for `vite preview` and for any production host. */
export const PRODUCTION_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
