import { memo } from 'react';
import { t } from '../../i18n';
import type { SortColumn } from '../../store/selectors';
import { useTorrent } from '../../store/live';
import { COLUMN_BY_ID } from './columns';

export const ROW_HEIGHT = 32;

export interface TorrentRowProps {
  readonly id: string;
  /** Position among the shown rows, 0-based. */
  readonly index: number;
  /** Offset from the top of the body, px. */
  readonly top: number;
  readonly selected: boolean;
  /** Holds the roving tab stop. */
  readonly focused: boolean;
  readonly columns: readonly SortColumn[];
  readonly onToggle: (id: string) => void;
}

/**
 * One row, subscribed to its own torrent only: a tick that changes other torrents does not
 * re-render it. Clicks are handled once on the body (event delegation), not per row.
 */
export const TorrentRow = memo(function TorrentRow({ id, index, top, selected, focused, columns, onToggle }: TorrentRowProps) {
  const torrent = useTorrent(id);
  if (torrent === undefined) return null;
  return (
    <div
      role="row"
      className={`grid__row${selected ? ' is-selected' : ''}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focused ? 0 : -1}
      data-row-id={id}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="grid__cell grid__cell--check" aria-colindex={1}>
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={t('list.selectRow', { name: torrent.name })}
          onChange={() => onToggle(id)}
        />
      </div>
      {columns.map((column, i) => {
        const def = COLUMN_BY_ID.get(column);
        if (def === undefined) return null;
        return (
          <div
            key={column}
            role="gridcell"
            aria-colindex={i + 2}
            data-col={column}
            className={`grid__cell grid__cell--${column}${def.align === 'end' ? ' grid__cell--end' : ''}`}
          >
            {def.render(torrent)}
          </div>
        );
      })}
    </div>
  );
});
