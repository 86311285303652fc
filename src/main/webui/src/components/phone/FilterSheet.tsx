import { SlidersHorizontal } from 'lucide-react';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { t } from '../../i18n';
import { DEFAULT_SORT } from '../../router';
import type { ListQuery, SortColumn } from '../../store/selectors';
import { COLUMN_BY_ID } from '../list/columns';
import { LabelFilters } from '../shell/LabelFilters';
import { StateFilters } from '../shell/Sidebar';
import { BottomSheet } from './BottomSheet';

/** The sort keys offered on a phone: what the cards show, plus the usual ones. */
export const SHEET_SORTS: readonly SortColumn[] = ['name', 'added', 'size', 'progress', 'state', 'down', 'up', 'eta', 'ratio'];

export interface FilterSheetProps {
  readonly open: boolean;
  readonly query: ListQuery;
  /** Torrents the current filter and search show (the close button says how many). */
  readonly shown: number;
  readonly onQueryChange: (query: ListQuery) => void;
  readonly onClose: () => void;
}

/**
 * The phone's filters and sort in a bottom sheet: the sidebar's state filters (same links, same
 * counts) and one sort key with its direction. Choices apply at once, so the button at the bottom
 * can say how many torrents they leave.
 */
export function FilterSheet({ open, query, shown, onQueryChange, onClose }: FilterSheetProps) {
  const name = useId();
  const filtersRef = useRef<HTMLDivElement>(null);
  const primary = query.sort[0] ?? DEFAULT_SORT[0]!;
  const columns = SHEET_SORTS.includes(primary.column) ? SHEET_SORTS : [primary.column, ...SHEET_SORTS];

  // The dialog focuses the first [autofocus] or form control; start on the current filter instead of
  // the first sort radio halfway down the sheet. Runs before the dialog's own (passive) effect.
  useLayoutEffect(() => {
    if (open) filtersRef.current?.querySelector('[aria-current="true"]')?.setAttribute('autofocus', '');
  }, [open]);

  const sortBy = (column: SortColumn, desc: boolean) => onQueryChange({ ...query, sort: [{ column, desc }] });

  return (
    <BottomSheet
      open={open}
      title={t('phone.sheetTitle')}
      onClose={onClose}
      footer={
        <button type="button" className="button button--primary sheet__done" onClick={onClose}>
          {t('phone.show', { count: shown })}
        </button>
      }
    >
      <section className="sheet__section" aria-labelledby={`${name}-state`}>
        <h3 id={`${name}-state`} className="sheet__heading">
          {t('sidebar.state')}
        </h3>
        <div ref={filtersRef} className="sheet__filters">
          <StateFilters query={query} onFilter={(filter) => onQueryChange({ ...query, filter })} />
        </div>
      </section>
      {(['category', 'tag'] as const).map((kind) => (
        <section key={kind} className="sheet__section" aria-labelledby={`${name}-${kind}`}>
          <h3 id={`${name}-${kind}`} className="sheet__heading">
            {kind === 'category' ? t('sidebar.categories') : t('sidebar.tags')}
          </h3>
          <div className="sheet__filters">
            {/* No Ctrl or Alt on a phone: a tap shows only that one. */}
            <LabelFilters kind={kind} query={query} onQuery={onQueryChange} modifiers={false} />
          </div>
        </section>
      ))}
      <fieldset className="sheet__section sheet__group">
        <legend className="sheet__heading">{t('phone.sortBy')}</legend>
        {columns.map((column) => (
          <label key={column} className="sheet__option">
            <input
              type="radio"
              name={`${name}-sort`}
              checked={primary.column === column}
              // Numbers start with the largest, as a header click does.
              onChange={() => sortBy(column, COLUMN_BY_ID.get(column)?.descFirst === true)}
            />
            <span>{t(COLUMN_BY_ID.get(column)?.label ?? 'column.name')}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="sheet__section sheet__group">
        <legend className="sheet__heading">{t('phone.order')}</legend>
        {[false, true].map((desc) => (
          <label key={String(desc)} className="sheet__option">
            <input type="radio" name={`${name}-order`} checked={primary.desc === desc} onChange={() => sortBy(primary.column, desc)} />
            <span>{desc ? t('phone.descending') : t('phone.ascending')}</span>
          </label>
        ))}
      </fieldset>
    </BottomSheet>
  );
}

export interface FilterSortButtonProps {
  readonly query: ListQuery;
  readonly shown: number;
  readonly onQueryChange: (query: ListQuery) => void;
}

/** The list bar's button that opens the sheet; names the filter in force, so it is never hidden state. */
export function FilterSortButton({ query, shown, onQueryChange }: FilterSortButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button phone-filter" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <SlidersHorizontal size={18} aria-hidden="true" />
        <span>{t('phone.filterSort')}</span>
        {query.filter !== 'all' && <span className="phone-filter__badge">{t(`filter.${query.filter}`)}</span>}
      </button>
      <FilterSheet open={open} query={query} shown={shown} onQueryChange={onQueryChange} onClose={() => setOpen(false)} />
    </>
  );
}
