import type { TorrentDto } from '../api/types';

/** What the State column and the sidebar say about a torrent, derived from its DTO. */
export type StatusKind = 'downloading' | 'seeding' | 'paused' | 'checking' | 'metadata' | 'error' | 'stalled' | 'unknown';

/**
 * The engine's states are metadata, checking, live, paused and error; "live" is split here by
 * `finished` into seeding and downloading, and a downloading torrent that receives nothing is
 * stalled (qBittorrent's stalledDL), so users see why nothing moves.
 */
export function statusOf(t: TorrentDto): StatusKind {
  switch (t.state) {
    case 'error':
      return 'error';
    case 'paused':
      return 'paused';
    case 'checking':
      return 'checking';
    case 'metadata':
      return 'metadata';
    case 'live':
      if (t.finished) return 'seeding';
      return t.downloadRate > 0 ? 'downloading' : 'stalled';
    default:
      return 'unknown';
  }
}

/** Sidebar filters, in display order. */
export const FILTERS = [
  'all',
  'downloading',
  'seeding',
  'completed',
  'paused',
  'active',
  'inactive',
  'stalled',
  'checking',
  'error',
] as const;
export type FilterId = (typeof FILTERS)[number];

export const isFilterId = (value: unknown): value is FilterId =>
  typeof value === 'string' && (FILTERS as readonly string[]).includes(value);

const active = (t: TorrentDto) => t.downloadRate > 0 || t.uploadRate > 0;

/** Whether `t` belongs under the sidebar filter `filter`. */
export function matchesFilter(t: TorrentDto, filter: FilterId): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'downloading':
      // Fetching metadata is the first step of a download (a magnet), so it counts here too.
      return (t.state === 'live' && !t.finished) || t.state === 'metadata';
    case 'seeding':
      return t.state === 'live' && t.finished;
    case 'completed':
      return t.finished;
    case 'paused':
      return t.state === 'paused';
    case 'active':
      return active(t);
    case 'inactive':
      return !active(t);
    case 'stalled':
      return statusOf(t) === 'stalled';
    case 'checking':
      return t.state === 'checking';
    case 'error':
      return t.state === 'error';
  }
}

const BIT = Object.fromEntries(FILTERS.map((f, i) => [f, 1 << i])) as Record<FilterId, number>;

/**
 * Every filter `t` is under, as bits (bit i for `FILTERS[i]`), in one pass: what {@link matchesFilter}
 * answers for each filter (status.test.ts holds them equal), for the sidebar counts, which follow
 * 1,000 changed torrents a second.
 */
export function filterMask(t: TorrentDto): number {
  let mask = BIT.all;
  const live = t.state === 'live';
  if ((live && !t.finished) || t.state === 'metadata') mask |= BIT.downloading;
  if (live && t.finished) mask |= BIT.seeding;
  if (t.finished) mask |= BIT.completed;
  if (t.state === 'paused') mask |= BIT.paused;
  mask |= active(t) ? BIT.active : BIT.inactive;
  if (live && !t.finished && !(t.downloadRate > 0)) mask |= BIT.stalled;
  if (t.state === 'checking') mask |= BIT.checking;
  if (t.state === 'error') mask |= BIT.error;
  return mask;
}
