import { Settings2 } from 'lucide-react';
import type { MouseEvent } from 'react';
import { t } from '../../i18n';
import { buildUrl, navigate } from '../../router';
import { clickLabel, isEmptyFilter, type LabelClick, type LabelFilter } from '../../store/labelFilter';
import { useLabelCounts } from '../../store/live';
import type { ListQuery } from '../../store/selectors';
import { useLabels } from '../../store/useLabels';

export type LabelKind = 'category' | 'tag';

export interface LabelFiltersProps {
  readonly kind: LabelKind;
  readonly query: ListQuery;
  readonly onQuery: (query: ListQuery) => void;
  /** Ctrl/⌘-click adds and Alt-click leaves out (the sidebar); without, a tap picks one (the phone's sheet). */
  readonly modifiers?: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The names the server lists plus any a torrent carries (a frame may bring one before the list is loaded again). */
function namesOf(listed: readonly string[], counted: ReadonlyMap<string, number>): string[] {
  const names = new Set(listed);
  for (const name of counted.keys()) if (name !== '') names.add(name);
  return [...names].sort(collator.compare);
}

function clickOf(e: MouseEvent, modifiers: boolean): LabelClick | null {
  if (e.button !== 0 || e.shiftKey) return null; // Shift: the browser's new window
  if (!modifiers) return 'only';
  if (e.altKey) return 'exclude';
  return e.ctrlKey || e.metaKey ? 'include' : 'only';
}

/**
 * The Categories or Tags filters with live counts: All, Uncategorized/Untagged, then each name.
 * Click shows only that one, Ctrl/⌘-click adds it, Alt-click leaves it out (UI spec 1.1, as
 * VueTorrent); each item is a real link to the "only this" view, so it can be shared or opened in a tab.
 */
export function LabelFilters({ kind, query, onQuery, modifiers = true }: LabelFiltersProps) {
  const labels = useLabels();
  const counts = useLabelCounts();
  const counted = kind === 'category' ? counts.categories : counts.tags;
  const names = namesOf(kind === 'category' ? labels.categories.map((c) => c.name) : labels.tags, counted);
  const filter: LabelFilter | undefined = query[kind];
  // Every torrent has one category or none: their counts add up to all torrents, and change far less
  // often than the state counts (which a rate crossing zero moves), so the list re-renders rarely.
  let total = 0;
  for (const n of counts.categories.values()) total += n;
  const withFilter = (next: LabelFilter | undefined): ListQuery => {
    const { [kind]: _dropped, ...rest } = query;
    return next === undefined || isEmptyFilter(next) ? rest : { ...rest, [kind]: next };
  };
  const hint = modifiers ? t('sidebar.labelHint') : undefined;

  const item = (value: string | null, label: string, count: number) => {
    const included = value !== null && (filter?.include.includes(value) ?? false);
    const excluded = value !== null && (filter?.exclude.includes(value) ?? false);
    const current = value === null ? isEmptyFilter(filter) : included;
    const target = withFilter(value === null ? undefined : clickLabel(filter, value, 'only'));
    const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
      const how = clickOf(e, modifiers);
      if (how === null) return;
      e.preventDefault();
      onQuery(value === null ? target : withFilter(clickLabel(filter, value, how)));
    };
    return (
      <li key={value ?? '\u0000all'}>
        <a
          className={`sidebar__item${current ? ' is-current' : ''}${excluded ? ' is-excluded' : ''}`}
          href={buildUrl({ page: 'list' }, target)}
          aria-current={current ? 'true' : undefined}
          title={value === null ? undefined : hint}
          onClick={onClick}
        >
          <bdi className="sidebar__label" dir="auto">{label}</bdi>
          {excluded && <span className="sr-only">{t('sidebar.excluded')}</span>}
          <span className="sidebar__count">{count}</span>
        </a>
      </li>
    );
  };

  return (
    <ul className="sidebar__list">
      {item(null, kind === 'category' ? t('sidebar.allCategories') : t('sidebar.allTags'), total)}
      {item('', kind === 'category' ? t('sidebar.uncategorized') : t('sidebar.untagged'), counted.get('') ?? 0)}
      {names.map((name) => item(name, name, counted.get(name) ?? 0))}
    </ul>
  );
}

/** The section heading, with the AND/OR switch for tags once two are included, and a link to manage them. */
export function LabelHeading({ kind, query, onQuery, id }: LabelFiltersProps & { readonly id: string }) {
  const several = kind === 'tag' && (query.tag?.include.length ?? 0) >= 2;
  const all = query.allTags === true;
  return (
    <div className="sidebar__head">
      <h2 id={id} className="sidebar__heading">
        {kind === 'category' ? t('sidebar.categories') : t('sidebar.tags')}
      </h2>
      {several && (
        <button type="button" className="sidebar__mode" aria-pressed={all} title={t('sidebar.allTagsHint')}
          onClick={() => {
            const { allTags: _dropped, ...rest } = query;
            onQuery(all ? rest : { ...rest, allTags: true });
          }}>
          {all ? t('sidebar.matchAll') : t('sidebar.matchAny')}
        </button>
      )}
      <a className="sidebar__manage" href="/settings/categories" aria-label={t('sidebar.manage')} title={t('sidebar.manage')}
        onClick={(e) => {
          if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          navigate('/settings/categories');
        }}>
        <Settings2 size={12} aria-hidden="true" />
      </a>
    </div>
  );
}
