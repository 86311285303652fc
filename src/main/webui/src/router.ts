import { useMemo, useSyncExternalStore } from 'react';
import { readLabelQuery, writeLabelQuery } from './store/labelFilter';
import { formatSort, parseSort, type ListQuery, type SortKey } from './store/selectors';
import { isFilterId } from './store/status';

/**
 * A tiny router on the History API: the app has a handful of pages and the list's filter, search
 * and sort live in the query string, so links are shareable and Back undoes a filter change.
 */
export type Route =
  | { readonly page: 'list' }
  | { readonly page: 'details'; readonly id: string; readonly tab: string | null }
  | { readonly page: 'add'; readonly uri: string | null }
  | { readonly page: 'settings'; readonly section: string | null }
  | { readonly page: 'logs' }
  | { readonly page: 'dht' }
  | { readonly page: 'login' };

export const DEFAULT_SORT: readonly SortKey[] = [{ column: 'name', desc: false }];

export interface AppLocation {
  readonly route: Route;
  readonly query: ListQuery;
}

const NAVIGATE_EVENT = 'bitquark:navigate';

export function parseLocation(pathname: string, search: string): AppLocation {
  const params = new URLSearchParams(search);
  const filter = params.get('state');
  const sort = parseSort(params.get('sort'));
  const query: ListQuery = {
    filter: isFilterId(filter) ? filter : 'all',
    search: params.get('q') ?? '',
    sort: sort.length > 0 ? sort : DEFAULT_SORT,
    ...readLabelQuery(params),
  };
  const parts = pathname.split('/').filter((p) => p !== '').map((p) => safeDecode(p));
  let route: Route = { page: 'list' };
  if (parts[0] === 't' && parts[1] !== undefined) route = { page: 'details', id: parts[1], tab: parts[2] ?? null };
  else if (parts[0] === 'add') route = { page: 'add', uri: params.get('uri') };
  else if (parts[0] === 'login') route = { page: 'login' };
  else if (parts[0] === 'settings') route = { page: 'settings', section: parts[1] ?? null };
  else if (parts[0] === 'logs') route = { page: 'logs' };
  else if (parts[0] === 'dht') route = { page: 'dht' };
  return { route, query };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The URL of `route` with the list's `query` (defaults left out, so plain `/` stays plain). */
export function buildUrl(route: Route, query: ListQuery): string {
  let path = '/';
  if (route.page === 'details') {
    path = `/t/${encodeURIComponent(route.id)}${route.tab ? `/${encodeURIComponent(route.tab)}` : ''}`;
  } else if (route.page === 'add') path = '/add';
  else if (route.page === 'login') path = '/login';
  else if (route.page === 'settings') path = route.section ? `/settings/${encodeURIComponent(route.section)}` : '/settings';
  else if (route.page === 'logs') path = '/logs';
  else if (route.page === 'dht') path = '/dht';
  const params = new URLSearchParams();
  if (query.filter !== 'all') params.set('state', query.filter);
  writeLabelQuery(query, params);
  if (query.search !== '') params.set('q', query.search);
  const sort = formatSort(query.sort);
  if (sort !== formatSort(DEFAULT_SORT)) params.set('sort', sort);
  if (route.page === 'add' && route.uri) params.set('uri', route.uri);
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Goes to `url` (same origin): a new history entry, or the current one replaced. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (url === current) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

/** The current route and list query, re-rendering on navigation and on Back/Forward. */
export function useLocation(): AppLocation {
  const url = useSyncExternalStore(subscribe, currentUrl);
  return useMemo(() => {
    const at = url.indexOf('?');
    return at < 0 ? parseLocation(url, '') : parseLocation(url.slice(0, at), url.slice(at));
  }, [url]);
}
