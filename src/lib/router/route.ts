/** Every screen of the app, as parsed from `location.hash`. */
export type Route =
  | { name: 'dashboard' }
  | { name: 'path' }
  | { name: 'stage'; stage: number }
  | { name: 'stage-summary'; stage: number }
  | { name: 'topic'; stage: number; slug: string }
  | { name: 'glossary'; termId: string | null }
  | { name: 'lab'; labId: string; query: Record<string, string> }
  | { name: 'settings' }
  | { name: 'about' }
  | { name: 'not-found'; hash: string };

/** Lab ids that have their own top-level route (`#/models`, `#/bench`). */
export const TOP_LEVEL_LABS = ['models', 'bench'] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const STAGE = /^[1-9][0-9]*$/;

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function parseQuery(qs: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(qs)) out[k] = v;
  return out;
}

export function formatQuery(query: Record<string, string>): string {
  const keys = Object.keys(query);
  if (keys.length === 0) return '';
  const params = new URLSearchParams();
  for (const k of keys) params.set(k, query[k]!);
  return '?' + params.toString().replace(/\+/g, '%20');
}

/**
 * Parse a location hash such as `#/stage/2/transformer` or `#/lab/attention?text=hi`.
 * Unknown or malformed hashes give `not-found`; an empty hash is the dashboard.
 */
export function parseHash(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '' || raw === '/') return { name: 'dashboard' };
  const notFound: Route = { name: 'not-found', hash };
  if (!raw.startsWith('/')) return notFound;
  const q = raw.indexOf('?');
  const pathPart = q === -1 ? raw : raw.slice(0, q);
  const query = q === -1 ? {} : parseQuery(raw.slice(q + 1));
  const segs = pathPart.slice(1).split('/');
  if (segs[segs.length - 1] === '') segs.pop();
  const decoded = segs.map(decodeSegment);
  if (decoded.some((s) => s === null || s === '')) return notFound;
  const [head, a, b, ...rest] = decoded as string[];
  if (rest.length > 0) return notFound;

  switch (head) {
    case 'path':
    case 'settings':
    case 'about':
      return a === undefined ? { name: head } : notFound;
    case 'models':
    case 'bench':
      return a === undefined ? { name: 'lab', labId: head, query } : notFound;
    case 'glossary':
      if (b !== undefined) return notFound;
      if (a === undefined) return { name: 'glossary', termId: null };
      return SLUG.test(a) ? { name: 'glossary', termId: a } : notFound;
    case 'lab':
      return a !== undefined && b === undefined && SLUG.test(a) ? { name: 'lab', labId: a, query } : notFound;
    case 'stage': {
      if (a === undefined || !STAGE.test(a)) return notFound;
      const stage = Number(a);
      if (b === undefined) return { name: 'stage', stage };
      if (b === 'summary') return { name: 'stage-summary', stage };
      return SLUG.test(b) ? { name: 'topic', stage, slug: b } : notFound;
    }
    default:
      return notFound;
  }
}

/** The canonical hash of a route; `parseHash(formatRoute(r))` gives back `r`. */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'path':
    case 'settings':
    case 'about':
      return `#/${route.name}`;
    case 'stage':
      return `#/stage/${route.stage}`;
    case 'stage-summary':
      return `#/stage/${route.stage}/summary`;
    case 'topic':
      return `#/stage/${route.stage}/${route.slug}`;
    case 'glossary':
      return route.termId === null ? '#/glossary' : `#/glossary/${route.termId}`;
    case 'lab': {
      const base = (TOP_LEVEL_LABS as readonly string[]).includes(route.labId) ? `#/${route.labId}` : `#/lab/${route.labId}`;
      return base + formatQuery(route.query);
    }
    case 'not-found':
      return route.hash;
  }
}
