import { useSyncExternalStore } from 'react';

/** The screens of the business side: beside the flows, what the bot sells and who answers customers. */
export type BusinessPage = 'dashboard' | 'catalog' | 'contacts' | 'orders' | 'inbox' | 'users' | 'secrets' | 'templates' | 'broadcasts';

export interface BusinessRoute {
  page: BusinessPage;
  /** The order or conversation open on the page. */
  id?: string;
}

const PAGES: readonly BusinessPage[] = [
  'dashboard',
  'catalog',
  'contacts',
  'orders',
  'inbox',
  'users',
  'secrets',
  'templates',
  'broadcasts',
];

/** `#/orders/42` and friends as a route; undefined for the editor's addresses. */
export function parseBusinessRoute(hash: string): BusinessRoute | undefined {
  const parts = hash.replace(/^#/, '').split('?')[0]?.split('/').filter(Boolean).map(decodeURIComponent) ?? [];
  const page = PAGES.find((candidate) => candidate === parts[0]);
  if (!page) return undefined;
  return parts[1] ? { page, id: parts[1] } : { page };
}

export function businessHref(route: BusinessRoute): string {
  return `#/${route.page}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
}

export function navigateBusiness(route: BusinessRoute): void {
  window.location.hash = businessHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The business screen the address names, or undefined when it names a flow page. */
export function useBusinessRoute(): BusinessRoute | undefined {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseBusinessRoute(hash);
}
