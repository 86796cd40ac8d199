import { useSyncExternalStore } from 'react';

/** The page the address bar names: the flow list, a flow's draft, or one of its versions. */
export type Route =
  | { page: 'flows' }
  | { page: 'editor'; flowId: string; restore?: number }
  | { page: 'version'; flowId: string; version: number };

/** `#/flows/support?restore=2` and friends, as a route. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'flows' && parts[1]) {
    if (parts[2] === 'versions' && parts[3]) return { page: 'version', flowId: parts[1], version: Number(parts[3]) };
    const restore = new URLSearchParams(query).get('restore');
    return { page: 'editor', flowId: parts[1], ...(restore ? { restore: Number(restore) } : {}) };
  }
  return { page: 'flows' };
}

/** The address of a route, for links. */
export function routeHref(route: Route): string {
  if (route.page === 'flows') return '#/';
  const flow = `#/flows/${encodeURIComponent(route.flowId)}`;
  if (route.page === 'version') return `${flow}/versions/${route.version}`;
  return route.restore ? `${flow}?restore=${route.restore}` : flow;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route; re-renders when the address changes. */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
