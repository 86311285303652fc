import type { TorrentDto } from '../../api/types';

/** A category or tag chosen in the context menu's submenus, or "New category…"/"New tag…" there. */
export type LabelChange =
  | { readonly kind: 'category'; readonly category: string | null }
  | { readonly kind: 'tag'; readonly tag: string; readonly add: boolean }
  | { readonly kind: 'new'; readonly what: 'category' | 'tags' };

/** A check mark over several torrents: all of them, some, or none. */
export type Tri = boolean | 'indeterminate';

export function tri(torrents: readonly TorrentDto[], has: (t: TorrentDto) => boolean): Tri {
  const n = torrents.filter(has).length;
  return n === 0 ? false : n === torrents.length ? true : 'indeterminate';
}

/** The category all of them share ('' for none), or null when they differ. */
export function sharedCategory(torrents: readonly TorrentDto[]): string | null {
  const first = torrents[0]?.category ?? '';
  return torrents.every((t) => (t.category ?? '') === first) ? first : null;
}
