import { ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useRef, type DragEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { t } from '../../i18n';
import type { SortColumn, SortKey } from '../../store/selectors';
import { COLUMN_BY_ID } from './columns';
import type { ColumnLayoutApi } from './layout';

const DRAG_TYPE = 'application/x-bitquark-column';

export interface GridHeaderProps {
  readonly layout: ColumnLayoutApi;
  readonly sort: readonly SortKey[];
  /** Header click; `add` with Shift (secondary key). */
  readonly onSort: (column: SortColumn, add: boolean) => void;
  readonly allSelected: boolean;
  readonly someSelected: boolean;
  readonly onToggleAll: () => void;
  /** Width that fits a column's content, measured from the rendered cells. */
  readonly measure: (column: SortColumn) => number;
}

function ResizeHandle({ column, layout, measure }: { column: SortColumn; layout: ColumnLayoutApi; measure: (c: SortColumn) => number }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const label = t(COLUMN_BY_ID.get(column)!.label);
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.stopPropagation();
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    start.current = { x: e.clientX, width: layout.widthOf(column) };
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current !== null) layout.setWidth(column, start.current.width + e.clientX - start.current.x);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 50 : 10;
    if (e.key === 'ArrowLeft') layout.setWidth(column, layout.widthOf(column) - step);
    else if (e.key === 'ArrowRight') layout.setWidth(column, layout.widthOf(column) + step);
    else if (e.key === 'Enter') layout.setWidth(column, measure(column));
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('list.resize', { column: label })}
      aria-valuenow={layout.widthOf(column)}
      tabIndex={0}
      className="grid__resize"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={() => (start.current = null)}
      onDoubleClick={() => layout.setWidth(column, measure(column))}
      onKeyDown={key}
    />
  );
}

export function GridHeader({ layout, sort, onSort, allSelected, someSelected, onToggleAll, measure }: GridHeaderProps) {
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someSelected && !allSelected;
  }, [someSelected, allSelected]);

  const drop = (target: SortColumn) => (e: DragEvent) => {
    const dragged = e.dataTransfer.getData(DRAG_TYPE) as SortColumn;
    if (dragged && dragged !== target && COLUMN_BY_ID.has(dragged)) {
      e.preventDefault();
      layout.moveBefore(dragged, target);
    }
  };

  return (
    <div role="rowgroup" className="grid__head">
      <div role="row" className="grid__row grid__row--head" aria-rowindex={1}>
        <div role="columnheader" className="grid__cell grid__cell--check" aria-colindex={1}>
          <input
            ref={selectAll}
            type="checkbox"
            checked={allSelected}
            aria-label={t('list.selectAll')}
            onChange={onToggleAll}
          />
        </div>
        {layout.visible.map((column, i) => {
          const def = COLUMN_BY_ID.get(column)!;
          const at = sort.findIndex((k) => k.column === column);
          const key = at >= 0 ? sort[at] : undefined;
          const label = t(def.label);
          return (
            <div
              key={column}
              role="columnheader"
              aria-colindex={i + 2}
              aria-sort={at === 0 && key ? (key.desc ? 'descending' : 'ascending') : undefined}
              className={`grid__cell grid__cell--head${def.align === 'end' ? ' grid__cell--end' : ''}`}
              data-col={column}
              onDragOver={(e) => e.dataTransfer.types.includes(DRAG_TYPE) && e.preventDefault()}
              onDrop={drop(column)}
            >
              <button
                type="button"
                className="grid__sort"
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_TYPE, column);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={(e) => onSort(column, e.shiftKey)}
                title={t('list.sortHint')}
              >
                <span className="grid__label">{label}</span>
                {key && (
                  <span className="grid__sort-mark">
                    {key.desc ? <ChevronDown size={14} aria-hidden="true" /> : <ChevronUp size={14} aria-hidden="true" />}
                    {sort.length > 1 && <span className="grid__sort-rank">{at + 1}</span>}
                  </span>
                )}
              </button>
              <ResizeHandle column={column} layout={layout} measure={measure} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
