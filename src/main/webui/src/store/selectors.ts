import { parseSearch, type SearchTerm } from './search';
import type { TorrentDto } from '../api/types';
import type { LiveState, TorrentChange } from './reduce';
import { effectiveGoals } from './goals';
import { labelKey, matchesLabels, type LabelQuery } from './labelFilter';
import { matchesFilter, statusOf, type FilterId, type StatusKind } from './status';

/** Columns the list can sort by (every column but the checkbox). */
export const SORTABLE = [
  'name', 'size', 'progress', 'state', 'down', 'up', 'eta', 'peers', 'seeds', 'ratio', 'added',
  'downloaded', 'uploaded', 'remaining', 'completed', 'savePath', 'infoHash', 'downLimit', 'upLimit',
  'pieces', 'maxConnections', 'sequential', 'category', 'tags', 'queue', 'seedingTime', 'downloadingTime',
  'lastActivity', 'ratioLimit',
] as const;
export type SortColumn = (typeof SORTABLE)[number];
export interface SortKey {
  readonly column: SortColumn;
  readonly desc: boolean;
}

/** What the list shows: a state filter, category and tag filters (LabelQuery), a search and a sort. */
export interface ListQuery extends LabelQuery {
  readonly filter: FilterId;
  readonly search: string;
  readonly sort: readonly SortKey[];
}

/** Everything but the sort, as one string: the rows shown change when it does. */
export const filterKey = (q: ListQuery): string => `${q.filter}|${labelKey(q)}|${q.search}`;

const STATUS_RANK: Record<StatusKind, number> = {
  error: 0, downloading: 1, stalled: 2, metadata: 3, checking: 4, seeding: 5, queued: 6, paused: 7, unknown: 8,
};
const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) || 0 : -1);
/** 0 means "no limit", which sorts as the largest. */
const limit = (bytes: number) => (bytes > 0 ? bytes : Number.POSITIVE_INFINITY);

/** Numeric sort value per column; strings are compared separately. */
const NUMERIC: Partial<Record<SortColumn, (t: TorrentDto) => number>> = {
  size: (t) => t.wantedBytes,
  progress: (t) => t.progress,
  state: (t) => STATUS_RANK[statusOf(t)] + (t.state === 'checking' ? t.checkedFraction / 2 : 0),
  down: (t) => t.downloadRate,
  up: (t) => t.uploadRate,
  eta: (t) => (t.etaSeconds < 0 ? Number.POSITIVE_INFINITY : t.etaSeconds),
  peers: (t) => t.peersConnected * 1e6 + Math.min(t.peersKnown, 999_999),
  seeds: (t) => t.seedsConnected,
  ratio: (t) => t.ratio,
  added: (t) => time(t.addedAt),
  downloaded: (t) => t.downloadedTotal,
  uploaded: (t) => t.uploadedTotal,
  remaining: (t) => remainingBytes(t),
  completed: (t) => time(t.completedAt),
  downLimit: (t) => limit(t.downloadLimit),
  upLimit: (t) => limit(t.uploadLimit),
  pieces: (t) => t.pieceCount,
  maxConnections: (t) => t.maxConnections,
  sequential: (t) => (t.sequential ? 1 : 0),
  queue: (t) => (t.queuePosition >= 0 ? t.queuePosition : Number.POSITIVE_INFINITY),
  seedingTime: (t) => t.seedingSeconds,
  downloadingTime: (t) => t.downloadingSeconds,
  lastActivity: (t) => time(t.lastActivityAt),
  // -1 (none) sorts as the largest, like an unlimited speed.
  ratioLimit: (t) => {
    const ratio = effectiveGoals(t).ratio;
    return ratio >= 0 ? ratio : Number.POSITIVE_INFINITY;
  },
};
const TEXT: Partial<Record<SortColumn, (t: TorrentDto) => string>> = {
  name: (t) => t.name,
  savePath: (t) => t.saveDir,
  infoHash: (t) => t.id,
  category: (t) => t.category ?? '',
  tags: (t) => tagText(t),
};

/** A torrent's tags as one sortable text ("4k, keep"). */
export const tagText = (t: TorrentDto): string => (t.tags ?? []).join(', ');

export const remainingBytes = (t: TorrentDto): number => Math.max(0, Math.round(t.wantedBytes * (1 - t.progress)));

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
// Names change rarely and torrent objects are replaced on any change, so this caches safely.
const lowerNames = new WeakMap<TorrentDto, string>();
function lowerName(t: TorrentDto): string {
  let lower = lowerNames.get(t);
  if (lower === undefined) {
    lower = t.name.toLowerCase();
    lowerNames.set(t, lower);
  }
  return lower;
}

const INFO_HASH = /^[0-9a-f]{40}$/;

/**
 * Whether `t` matches the search: the whole query as a case-insensitive substring of its name, its
 * exact info-hash, or every term of it (words, `key:value` tokens: see search.ts).
 */
export function matchesSearch(t: TorrentDto, search: string, terms: readonly SearchTerm[] = parseSearch(search),
  now: number = Date.now()): boolean {
  const query = search.trim().toLowerCase();
  if (query === '') return true;
  if (INFO_HASH.test(query) && t.id.toLowerCase() === query) return true;
  if (lowerName(t).includes(query)) return true;
  return terms.length > 0 && terms.every((term) => term(t, now));
}

/**
 * The ids to show, filtered, searched and sorted; stable, with the id as the last key so equal rows
 * never swap between ticks. Keys are computed once per row, not once per comparison.
 */
export function selectRows(
  torrents: ReadonlyMap<string, TorrentDto>,
  order: readonly string[],
  query: ListQuery,
): string[] {
  const rows: TorrentDto[] = [];
  const search = query.search.trim();
  const terms = search === '' ? [] : parseSearch(search);
  const now = Date.now();
  const labels = labelKey(query) !== '';
  for (const id of order) {
    const t = torrents.get(id);
    if (t !== undefined && matchesFilter(t, query.filter) && (!labels || matchesLabels(t, query))
      && (search === '' || matchesSearch(t, search, terms, now))) {
      rows.push(t);
    }
  }
  if (query.sort.length === 0) return rows.map((t) => t.id);

  const n = rows.length;
  const keys = query.sort.map((key) => {
    const numeric = NUMERIC[key.column];
    const text = TEXT[key.column];
    const dir = key.desc ? -1 : 1;
    if (numeric !== undefined) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = numeric(rows[i]!);
      return (a: number, b: number) => {
        const x = values[a]!;
        const y = values[b]!;
        return x === y ? 0 : x < y ? -dir : dir;
      };
    }
    const values = rows.map((t) => (text ? text(t) : ''));
    return (a: number, b: number) => dir * collator.compare(values[a]!, values[b]!);
  });
  const index = Array.from({ length: n }, (_, i) => i);
  index.sort((a, b) => {
    for (const compare of keys) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    const x = rows[a]!.id;
    const y = rows[b]!.id;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return index.map((i) => rows[i]!.id);
}

/** What the list's rows are computed from: the parts of {@link LiveState} it reads. */
export type RowSource = Pick<LiveState, 'torrents' | 'order' | 'version' | 'changes'>;
export type RowSelector = (state: RowSource, query: ListQuery) => readonly string[];

/**
 * {@link selectRows} that keeps its last answer while no change can move a row: same ids, same
 * query, no search, and every torrent the last commit changed has the same sort values and the
 * same filter membership as before. With 5,000 torrents and 1,000 of them changing their rates
 * every second, a list sorted by name then checks the 1,000 changes instead of sorting again; a
 * list sorted by speed is still sorted every time, as it must be. A commit it did not see (the
 * version moved by more than one) or a snapshot means computing the rows again.
 */
export function createRowSelector(): RowSelector {
  let last: { version: number; order: readonly string[]; query: ListQuery; rows: readonly string[] } | null = null;
  return (state, query) => {
    const same = last !== null && last.order === state.order && sameQuery(last.query, query);
    // The same inputs give the same array (a store subscription asks again and again between commits).
    if (same && last!.version === state.version) return last!.rows;
    if (same && last!.version + 1 === state.version && state.changes !== null && query.search.trim() === ''
      && !changesMayMove(state.changes, query)) {
      last = { ...last!, version: state.version };
      return last.rows;
    }
    const rows = selectRows(state.torrents, state.order, query);
    last = { version: state.version, order: state.order, query, rows };
    return rows;
  };
}

function sameQuery(a: ListQuery, b: ListQuery): boolean {
  return a === b || (filterKey(a) === filterKey(b) && formatSort(a.sort) === formatSort(b.sort));
}

function changesMayMove(changes: readonly TorrentChange[], query: ListQuery): boolean {
  const labels = labelKey(query) !== '';
  for (const { before: a, after: b } of changes) {
    if (a === undefined || b === undefined) return true;
    if (matchesFilter(a, query.filter) !== matchesFilter(b, query.filter)) return true;
    if (labels && matchesLabels(a, query) !== matchesLabels(b, query)) return true;
    for (const key of query.sort) {
      const numeric = NUMERIC[key.column];
      if (numeric !== undefined && numeric(a) !== numeric(b)) return true;
      const text = TEXT[key.column];
      if (text !== undefined && text(a) !== text(b)) return true;
    }
  }
  return false;
}

/** `sort=name,-down`: a column per key, `-` for descending. */
export function parseSort(value: string | null): SortKey[] {
  if (!value) return [];
  const keys: SortKey[] = [];
  for (const part of value.split(',')) {
    const desc = part.startsWith('-');
    const column = desc ? part.slice(1) : part;
    if ((SORTABLE as readonly string[]).includes(column) && !keys.some((k) => k.column === column)) {
      keys.push({ column: column as SortColumn, desc });
    }
  }
  return keys.slice(0, 3);
}

export const formatSort = (keys: readonly SortKey[]): string => keys.map((k) => (k.desc ? '-' : '') + k.column).join(',');
