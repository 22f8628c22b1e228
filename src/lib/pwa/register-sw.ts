import { registerSW } from 'virtual:pwa-register';
import { pwa } from './pwa-update.svelte';

/** Register the service worker (production builds) and wire its events to the update prompt. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const apply = registerSW({
    onNeedRefresh: () => pwa.markUpdateAvailable(),
    onOfflineReady: () => pwa.markOfflineReady(),
  });
  pwa.attach(apply);
}
