import { formatRoute, parseHash, type Route } from './route';

/** Minimal window surface the router needs; injectable for tests. */
export interface HashWindow {
  location: { hash: string };
  addEventListener(type: 'hashchange', fn: () => void): void;
  removeEventListener(type: 'hashchange', fn: () => void): void;
}

/** The current route, kept in step with `location.hash` (back/forward included). */
export class HashRouter {
  #route = $state<Route>({ name: 'dashboard' });
  #win: HashWindow;
  #onChange = () => {
    this.#route = parseHash(this.#win.location.hash);
  };

  constructor(win: HashWindow) {
    this.#win = win;
    this.#route = parseHash(win.location.hash);
    win.addEventListener('hashchange', this.#onChange);
  }

  get route(): Route {
    return this.#route;
  }

  /** Navigate by setting the hash; the `hashchange` event updates `route`. */
  go(route: Route | string): void {
    this.#win.location.hash = typeof route === 'string' ? route : formatRoute(route);
  }

  destroy(): void {
    this.#win.removeEventListener('hashchange', this.#onChange);
  }
}

export { formatRoute, parseHash, type Route };
