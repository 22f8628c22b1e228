/**
 * Time to interactive of the built app at `#/`: first visit (a new browser profile: no service
 * worker, empty caches) and return visit (the run's profile, its service worker installed, pages
 * served from the precache). TTI here = the end of the last long task (> 50 ms) before a 1 s quiet
 * window, and no earlier than first contentful paint and DOMContentLoaded — Lighthouse's
 * definition without its network-quiet condition (everything is on 127.0.0.1).
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
  return { tti: Math.max(fcp, nav.domContentLoadedEventEnd, lastEnd()), fcp, longTasks: longTasks.length, controlled: navigator.serviceWorker?.controller != null };
}

async function visit(page, url) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.locator('main h1').first().waitFor({ timeout: 120_000 });
  return page.evaluate(measureInPage);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** @param harness tests/e2e/harness.ts (launch, Profile) @param page the run's page (service worker installed) */
export async function appLoadSuite(harness, page, baseUrl, { quick, log }) {
  const reps = quick ? 1 : 3;
  const url = `${baseUrl}#/`;
  const t0 = Date.now();
  const warm = [];
  for (let i = 0; i <= reps; i++) {
    const m = await visit(page, url);
    if (i === 0) continue; // makes sure the page is the service worker's
    log(`app: return visit ${i}/${reps}: TTI ${m.tti.toFixed(0)} ms (served by the service worker: ${m.controlled})`);
    warm.push(m);
  }
  const cold = [];
  for (let i = 0; i < reps; i++) {
    const profile = new harness.Profile();
    const fresh = await harness.launch(profile, { locale: 'en-US' });
    try {
      const m = await visit(fresh.page, url);
      log(`app: first visit ${i + 1}/${reps}: TTI ${m.tti.toFixed(0)} ms (FCP ${m.fcp.toFixed(0)} ms, ${m.longTasks} long tasks)`);
      cold.push(m);
    } finally {
      await fresh.close();
      profile.remove();
    }
  }
  const fig = (id, label, ms, params) => ({ id: `app/${id}`, suite: 'app', label, unit: 'ms', better: 'lower', role: 'info', samples: ms.map((m) => m.tti), params: { ...params, fcpMedianMs: Math.round(median(ms.map((m) => m.fcp))) } });
  return {
    suite: 'app',
    figures: [
      fig('tti-first-visit', 'time to interactive of #/, first visit (new profile: no service worker, empty caches)', cold, {}),
      fig('tti-return-visit', 'time to interactive of #/, return visit (service worker precache)', warm, { controlledBySw: warm.every((m) => m.controlled) }),
    ],
    skipped: [],
    notes: ['TTI = end of the last long task before 1 s without one (≥ FCP and DOMContentLoaded), on 127.0.0.1; FCP medians in params'],
    ms: Date.now() - t0,
  };
}
