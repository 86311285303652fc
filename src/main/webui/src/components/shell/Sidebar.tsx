import { useId, type MouseEvent } from 'react';
import './sidebar.css';
import { t } from '../../i18n';
import { buildUrl } from '../../router';
import { useFilterCounts } from '../../store/live';
import type { ListQuery } from '../../store/selectors';
import { FILTERS, type FilterId } from '../../store/status';
import { useViewport } from '../phone/useMediaQuery';
import { LabelFilters, LabelHeading } from './LabelFilters';

export interface SidebarProps {
  readonly query: ListQuery;
  readonly onFilter: (filter: FilterId) => void;
}

/**
 * State filters with live counts; real links, so they can be opened in a new tab or shared. The
 * sidebar's list, and the phone's filter sheet (which has no room for a sidebar).
 */
export function StateFilters({ query, onFilter }: SidebarProps) {
  // Kept by the store from each commit's changes, not counted again over every torrent.
  const counts = useFilterCounts();
  const click = (filter: FilterId) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return; // let the browser open a tab
    e.preventDefault();
    onFilter(filter);
  };
  return (
    <ul className="sidebar__list">
      {FILTERS.map((filter) => {
        const current = query.filter === filter;
        return (
          <li key={filter}>
            <a
              className={`sidebar__item${current ? ' is-current' : ''}`}
              href={buildUrl({ page: 'list' }, { ...query, filter })}
              aria-current={current ? 'true' : undefined}
              onClick={click(filter)}
            >
              <span className="sidebar__label">{t(`filter.${filter}`)}</span>
              <span className="sidebar__count">{counts[filter]}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export interface FullSidebarProps extends SidebarProps {
  /** A category or tag filter changed (the whole query, as the URL will hold it). */
  readonly onQuery: (query: ListQuery) => void;
}

export function Sidebar({ query, onFilter, onQuery }: FullSidebarProps) {
  // On a phone the filters live in the list's bottom sheet (components/phone/FilterSheet.tsx).
  const phone = useViewport() === 'phone';
  const id = useId();
  if (phone) return null;
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <h2 className="sidebar__heading">{t('sidebar.state')}</h2>
      <StateFilters query={query} onFilter={onFilter} />
      {(['category', 'tag'] as const).map((kind) => (
        <section key={kind} className="sidebar__section" aria-labelledby={`${id}-${kind}`}>
          <LabelHeading id={`${id}-${kind}`} kind={kind} query={query} onQuery={onQuery} />
          <LabelFilters kind={kind} query={query} onQuery={onQuery} />
        </section>
      ))}
    </nav>
  );
}
