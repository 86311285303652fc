import type { TorrentDto } from '../api/types';
import type { TorrentChange } from './reduce';

/**
 * Torrents per category and per tag, for the sidebar; the key '' counts those without a category
 * and those without tags. Kept from each commit's changes like the state counts, so 1,000 changed
 * rates a second cost a comparison each, not a count over every torrent.
 */
export interface LabelCounts {
  readonly categories: ReadonlyMap<string, number>;
  readonly tags: ReadonlyMap<string, number>;
}

type Counts = { categories: Map<string, number>; tags: Map<string, number> };

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

/** A torrent's tags, each once (the server keeps them unique; a frame is not trusted to). */
const tagsOf = (t: TorrentDto): readonly string[] => (t.tags === undefined || t.tags.length === 0 ? [] : [...new Set(t.tags)]);

function add(counts: Counts, t: TorrentDto, by: number): void {
  bump(counts.categories, t.category ?? '', by);
  const tags = tagsOf(t);
  if (tags.length === 0) bump(counts.tags, '', by);
  for (const tag of tags) bump(counts.tags, tag, by);
}

export function countLabels(torrents: Iterable<TorrentDto>): LabelCounts {
  const counts: Counts = { categories: new Map(), tags: new Map() };
  for (const t of torrents) add(counts, t, 1);
  return counts;
}

function sameTags(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  return a.every((tag, i) => tag === b[i]);
}

/** `counts` after `changes`; the same object when no torrent's category or tags changed. */
export function applyLabelCounts(counts: LabelCounts, changes: readonly TorrentChange[]): LabelCounts {
  let next: Counts | null = null;
  for (const { before, after } of changes) {
    if (before !== undefined && after !== undefined && (before.category ?? '') === (after.category ?? '')
      && sameTags(before.tags, after.tags)) continue; // the usual case: rates changed
    next ??= { categories: new Map(counts.categories), tags: new Map(counts.tags) };
    if (before !== undefined) add(next, before, -1);
    if (after !== undefined) add(next, after, 1);
  }
  return next ?? counts;
}
