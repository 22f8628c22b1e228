import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEV_HEADERS, HEADER_ONLY_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, PRODUCTION_HEADERS } from './security-headers';

describe('content security policy', () => {
  it('keeps every request on the app origin except the Hugging Face Hub', () => {
    const connect = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
  });
  it('leaves header-only directives out of the <meta> policy and keeps the rest in order', () => {
    const header = CONTENT_SECURITY_POLICY.split('; ');
    const meta = META_CONTENT_SECURITY_POLICY.split('; ');
    expect(meta).toEqual(header.filter((d) => !d.startsWith('frame-ancestors')));
    expect(PRODUCTION_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
  it('sends the header-only frame-ancestors as a header from the dev server too (the <meta> tag covers the rest there)', () => {
    expect(HEADER_ONLY_CONTENT_SECURITY_POLICY).toBe("frame-ancestors 'none'");
    expect(DEV_HEADERS['Content-Security-Policy']).toBe("frame-ancestors 'none'");
    expect(DEV_HEADERS['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });
});
