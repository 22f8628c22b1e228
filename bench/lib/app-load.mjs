/**
 * Time to interactive of the built app at `#/`: first visit (no service worker, empty caches) and
 * return visit (served by the service worker's precache). TTI here = the end of the last long task
 * (> 50 ms) before a 1 s quiet window, and no earlier than first contentful paint and
 * DOMContentLoaded — the Lighthouse definition without its network-quiet condition (everything is
 * on 127.0.0.1).
 */

async function measureInPage() {
  const longTasks = [];
  const po = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  po.observe({ type: 'longtask', buffered: true });
  const nav = performance.getEntriesByType('navigation')[0];
  const lastEnd = () => longTasks.reduce((m, t) => Math.max(m, t.startTime + t.duration), 0);
  const deadline = performance.now() + 20_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    if (performance.now() - Math.max(lastEnd(), nav.loadEventEnd) >= 1000 || performance.now() > deadline) break;
  }
  po.disconnect();
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
  return { tti: Math.max(fcp, nav.domContentLoadedEventEnd, lastEnd()), fcp, dcl: nav.domContentLoadedEventEnd, longTasks: longTasks.length, controlled: navigator.serviceWorker?.controller !== null };
}

async function visit(page, url) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('main h1').first().waitFor({ timeout: 60_000 });
  return page.evaluate(measureInPage);
}

async function forgetEverything(page, cdp, url) {
  await page.goto(url);
  await page.evaluate(async () => {
    for (const r of (await navigator.serviceWorker?.getRegistrations()) ?? []) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  await cdp.send('Network.clearBrowserCache');
}

export async function appLoadSuite(page, cdp, baseUrl, { quick, log }) {
  const reps = quick ? 1 : 3;
  const url = `${baseUrl}#/`;
  const cold = [];
  const warm = [];
  const t0 = Date.now();
  for (let i = 0; i < reps; i++) {
    await forgetEverything(page, cdp, `${baseUrl}#/about`);
    const m = await visit(page, url);
    log(`app: first visit ${i + 1}/${reps}: TTI ${m.tti.toFixed(0)} ms (FCP ${m.fcp.toFixed(0)} ms, ${m.longTasks} long tasks)`);
    cold.push(m);
  }
  // let the service worker finish precaching, then come back
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => undefined));
  for (let i = 0; i < reps + 1; i++) {
    const m = await visit(page, url);
    if (i === 0) continue; // the first return visit is the one that lets the new service worker take control
    log(`app: return visit ${i}/${reps}: TTI ${m.tti.toFixed(0)} ms (served by the service worker: ${m.controlled})`);
    warm.push(m);
  }
  const fig = (id, label, samples, params) => ({ id: `app/${id}`, suite: 'app', label, unit: 'ms', better: 'lower', role: 'info', samples, params });
  return {
    suite: 'app',
    figures: [
      fig('tti-first-visit', 'time to interactive, first visit (empty caches, no service worker)', cold.map((m) => m.tti), { fcpMedianMs: Math.round(median(cold.map((m) => m.fcp))) }),
      fig('tti-return-visit', 'time to interactive, return visit (service worker precache)', warm.map((m) => m.tti), {
        fcpMedianMs: Math.round(median(warm.map((m) => m.fcp))),
        controlledBySw: warm.every((m) => m.controlled),
      }),
    ],
    skipped: [],
    notes: ['TTI = end of the last long task before 1 s without one (≥ FCP and DOMContentLoaded), on 127.0.0.1'],
    ms: Date.now() - t0,
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
