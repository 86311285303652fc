import type { TorrentDto } from '../api/types';

/**
 * A sidebar filter on categories or tags (VueTorrent's include/exclude): a torrent is shown when it
 * has one of `include` (none: any torrent) and none of `exclude`. '' stands for "no category" and
 * "no tags" (Uncategorized, Untagged).
 */
export interface LabelFilter {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** The label part of the list's query (see ListQuery); every field may be absent. */
export interface LabelQuery {
  readonly category?: LabelFilter;
  readonly tag?: LabelFilter;
  /** Included tags must all be present (AND) rather than any one of them (OR, the default). */
  readonly allTags?: boolean;
}

export const NO_LABEL_FILTER: LabelFilter = { include: [], exclude: [] };

export const isEmptyFilter = (f: LabelFilter | undefined): boolean =>
  f === undefined || (f.include.length === 0 && f.exclude.length === 0);

export const hasLabelFilter = (q: LabelQuery): boolean => !isEmptyFilter(q.category) || !isEmptyFilter(q.tag);

/** How a click on a category or tag changes its filter: click, Ctrl/⌘-click, Alt-click. */
export type LabelClick = 'only' | 'include' | 'exclude';

export function clickLabel(filter: LabelFilter | undefined, value: string, how: LabelClick): LabelFilter {
  const f = filter ?? NO_LABEL_FILTER;
  const without = (list: readonly string[]) => list.filter((v) => v !== value);
  switch (how) {
    case 'only':
      return { include: [value], exclude: [] };
    case 'include':
      return f.include.includes(value)
        ? { ...f, include: without(f.include) }
        : { include: [...f.include, value], exclude: without(f.exclude) };
    case 'exclude':
      return f.exclude.includes(value)
        ? { ...f, exclude: without(f.exclude) }
        : { include: without(f.include), exclude: [...f.exclude, value] };
  }
}

function categoryMatches(t: TorrentDto, f: LabelFilter): boolean {
  const c = t.category ?? '';
  return (f.include.length === 0 || f.include.includes(c)) && !f.exclude.includes(c);
}

function tagMatches(t: TorrentDto, f: LabelFilter, all: boolean): boolean {
  const tags = t.tags ?? [];
  const has = (tag: string) => (tag === '' ? tags.length === 0 : tags.includes(tag));
  if (f.exclude.some(has)) return false;
  if (f.include.length === 0) return true;
  return all ? f.include.every(has) : f.include.some(has);
}

/** Whether `t` passes the category and tag filters of `q`. */
export function matchesLabels(t: TorrentDto, q: LabelQuery): boolean {
  return (isEmptyFilter(q.category) || categoryMatches(t, q.category!))
    && (isEmptyFilter(q.tag) || tagMatches(t, q.tag!, q.allTags === true));
}

/** The label filters as one string, to compare two queries. */
export function labelKey(q: LabelQuery): string {
  if (!hasLabelFilter(q)) return '';
  const part = (f: LabelFilter | undefined) => JSON.stringify([f?.include ?? [], f?.exclude ?? []]);
  return `${part(q.category)}${part(q.tag)}${q.allTags === true ? '&' : '|'}`;
}

/** Query-string names of the label filters. */
const PARAMS = { include: { category: 'category', tag: 'tag' }, exclude: { category: 'notCategory', tag: 'notTag' } } as const;
export const ALL_TAGS_PARAM = 'allTags';

export function readLabelQuery(params: URLSearchParams): LabelQuery {
  const read = (kind: 'category' | 'tag'): LabelFilter | undefined => {
    const f = { include: [...new Set(params.getAll(PARAMS.include[kind]))], exclude: [...new Set(params.getAll(PARAMS.exclude[kind]))] };
    return isEmptyFilter(f) ? undefined : f;
  };
  const category = read('category');
  const tag = read('tag');
  return {
    ...(category ? { category } : {}),
    ...(tag ? { tag } : {}),
    ...(params.get(ALL_TAGS_PARAM) === '1' ? { allTags: true } : {}),
  };
}

export function writeLabelQuery(q: LabelQuery, params: URLSearchParams): void {
  for (const kind of ['category', 'tag'] as const) {
    const f = q[kind];
    f?.include.forEach((v) => params.append(PARAMS.include[kind], v));
    f?.exclude.forEach((v) => params.append(PARAMS.exclude[kind], v));
  }
  if (q.allTags === true) params.set(ALL_TAGS_PARAM, '1');
}
