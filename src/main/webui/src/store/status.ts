import type { TorrentDto } from '../api/types';

/** What the State column and the sidebar say about a torrent, derived from its DTO. */
export type StatusKind =
  | 'downloading'
  | 'seeding'
  | 'paused'
  | 'queued'
  | 'checking'
  | 'metadata'
  | 'error'
  | 'stalled'
  | 'unknown';

/**
 * The engine's states are metadata, checking, live, queued (waiting for a slot in the queue), paused
 * and error; "live" is split here by
 * `finished` into seeding and downloading, and a downloading torrent that receives nothing is
 * stalled (qBittorrent's stalledDL), so users see why nothing moves.
 */
export function statusOf(t: TorrentDto): StatusKind {
  switch (t.state) {
    case 'error':
      return 'error';
    case 'paused':
      return 'paused';
    case 'queued':
      return 'queued';
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
  'queued',
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

const BIT = Object.fromEntries(FILTERS.map((f, i) => [f, 1 << i])) as Record<FilterId, number>;

/**
 * Every sidebar filter `t` is under, as bits (bit i for `FILTERS[i]`), in one pass: the sidebar
 * counts follow 1,000 changed torrents a second, and {@link matchesFilter} reads one bit of it.
 */
export function filterMask(t: TorrentDto): number {
  let mask = BIT.all;
  // A queued torrent waits to download or to seed, and counts there too (qBittorrent's queuedDL/queuedUP,
  // Transmission's download/seed wait).
  const live = t.state === 'live' || t.state === 'queued';
  // Fetching metadata is the first step of a download (a magnet), so it counts as downloading too.
  if ((live && !t.finished) || t.state === 'metadata') mask |= BIT.downloading;
  if (live && t.finished) mask |= BIT.seeding;
  if (t.finished) mask |= BIT.completed;
  if (t.state === 'paused') mask |= BIT.paused;
  if (t.state === 'queued') mask |= BIT.queued;
  mask |= active(t) ? BIT.active : BIT.inactive;
  if (statusOf(t) === 'stalled') mask |= BIT.stalled;
  if (t.state === 'checking') mask |= BIT.checking;
  if (t.state === 'error') mask |= BIT.error;
  return mask;
}

/** Whether `t` belongs under the sidebar filter `filter`. */
export function matchesFilter(t: TorrentDto, filter: FilterId): boolean {
  return (filterMask(t) & BIT[filter]) !== 0;
}
