import { memo } from 'react';
import { t } from '../../i18n';
import type { SortColumn } from '../../store/selectors';
import { useTorrent } from '../../store/live';
import type { TorrentDto } from '../../api/types';
import { COLUMN_BY_ID, type ColumnDef } from './columns';

export const ROW_HEIGHT = 32;
/** Row height by the density preference, px (the header row takes the same). */
export const ROW_HEIGHTS = { comfortable: ROW_HEIGHT, compact: 26 } as const;

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
  /** The size and speed units (see useFormatKey). */
  readonly units: string;
}

interface CellProps {
  readonly def: ColumnDef;
  readonly colIndex: number;
  readonly torrent: TorrentDto;
  /** The size and speed units: a change writes every cell again. */
  readonly units: string;
}

/**
 * One data cell. A torrent changes a few fields a second (rates, progress, peers): the cell renders
 * again only when a field it reads changed, so a row that changed re-renders four or five cells,
 * not all of them (with every visible row changing at once, that is what keeps a commit short).
 */
const Cell = memo(
  function Cell({ def, colIndex, torrent }: CellProps) {
    return (
      <div
        role="gridcell"
        aria-colindex={colIndex}
        data-col={def.id}
        className={`grid__cell grid__cell--${def.id}${def.align === 'end' ? ' grid__cell--end' : ''}`}
      >
        {def.render(torrent)}
      </div>
    );
  },
  (a, b) => a.def === b.def && a.colIndex === b.colIndex && a.units === b.units
    && a.def.reads.every((field) => a.torrent[field] === b.torrent[field]),
);

const CheckCell = memo(function CheckCell({ id, name, selected, onToggle }: {
  id: string; name: string; selected: boolean; onToggle: (id: string) => void;
}) {
  return (
    <div role="gridcell" className="grid__cell grid__cell--check" aria-colindex={1}>
      <input
        type="checkbox"
        tabIndex={-1}
        checked={selected}
        aria-label={t('list.selectRow', { name })}
        onChange={() => onToggle(id)}
      />
    </div>
  );
});

/**
 * One row, subscribed to its own torrent only: a tick that changes other torrents does not
 * re-render it. Clicks are handled once on the body (event delegation), not per row.
 */
export const TorrentRow = memo(function TorrentRow({ id, index, top, selected, focused, columns, onToggle, units }: TorrentRowProps) {
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
      <CheckCell id={id} name={torrent.name} selected={selected} onToggle={onToggle} />
      {columns.map((column, i) => {
        const def = COLUMN_BY_ID.get(column);
        return def === undefined ? null : <Cell key={column} def={def} colIndex={i + 2} torrent={torrent} units={units} />;
      })}
    </div>
  );
});
