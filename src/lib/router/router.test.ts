import { describe, expect, it } from 'vitest';
import { HashRouter } from './router.svelte';

describe('HashRouter', () => {
  it('follows hashchange events (back/forward) and navigates with go()', () => {
    const router = new HashRouter(window);
    window.location.hash = '#/stage/2/transformer';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(router.route).toEqual({ name: 'topic', stage: 2, slug: 'transformer' });
    router.go({ name: 'glossary', termId: 'token' });
    expect(window.location.hash).toBe('#/glossary/token');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(router.route).toEqual({ name: 'glossary', termId: 'token' });
    router.destroy();
    window.location.hash = '#/about';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(router.route).toEqual({ name: 'glossary', termId: 'token' });
  });
});
