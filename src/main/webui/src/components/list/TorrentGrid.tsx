import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { ContextMenu } from 'radix-ui';
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { t } from '../../i18n';
import { useFormatKey } from '../../prefs/formats';
import { usePrefs } from '../../prefs/prefs';
import type { SortColumn, SortKey } from '../../store/selectors';
import { CHECKBOX_WIDTH, MAX_WIDTH, MIN_WIDTH } from './columns';
import type { ListCommand } from './commands';
import type { LabelChange } from './menuState';
import { GridHeader } from './GridHeader';
import { handleGridKey, type CommandOptions } from './keys';
import type { ColumnLayoutApi } from './layout';
import { RowMenu } from './RowMenu';
import type { SelectionApi } from './selection';
import { ROW_HEIGHTS, TorrentRow } from './TorrentRow';
import type { SortHold } from './useDisplayOrder';

export interface TorrentGridProps {
  readonly rows: readonly string[];
  readonly selection: SelectionApi;
  readonly layout: ColumnLayoutApi;
  readonly sort: readonly SortKey[];
  readonly onSort: (column: SortColumn, add: boolean) => void;
  readonly hold: SortHold;
  readonly onOpen: (id: string) => void;
  readonly onCommand: (command: ListCommand, options?: CommandOptions) => void;
  /** A category or tag chosen in the context menu (for the selection). */
  readonly onLabel: (change: LabelChange) => void;
  /** Rows kept on screen after the connection dropped are dimmed. */
  readonly stale: boolean;
  /** The Name column takes the width no other column uses (tablets: few columns, names cut short). */
  readonly fillName?: boolean;
}

/** Rows rendered beyond each edge of the view: enough for a scroll frame, few enough that a commit changing every visible torrent stays short. */
const OVERSCAN = 5;
const rowOf = (target: EventTarget | null): string | null =>
  target instanceof Element ? (target.closest<HTMLElement>('[data-row-id]')?.dataset.rowId ?? null) : null;

/**
 * The torrent list as an ARIA grid, virtualised: only the rows in view (plus a few) are in the DOM,
 * always including the row holding the tab stop so keyboard focus never lands on nothing.
 */
export function TorrentGrid({ rows, selection, layout, sort, onSort, hold, onOpen, onCommand, onLabel, stale, fillName = false }: TorrentGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const units = useFormatKey();
  const rowHeight = ROW_HEIGHTS[usePrefs().density];
  const [focusRequest, setFocusRequest] = useState(0);
  const focusIndex = selection.focus === null ? -1 : rows.indexOf(selection.focus);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusIndex >= 0 && !indexes.includes(focusIndex)) indexes.push(focusIndex);
      return indexes;
    },
    [focusIndex],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    scrollMargin: rowHeight, // the sticky header row sits above the body in the same scroller
    scrollPaddingStart: rowHeight,
    rangeExtractor,
    getItemKey: (index) => rows[index] ?? index,
  });

  // A density change: every row's size and the header's margin are new (rows are never measured, only estimated).
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  // After a keyboard move, put DOM focus on the row that now holds the tab stop.
  useEffect(() => {
    if (focusRequest === 0 || selection.focus === null) return;
    const row = [...(scrollRef.current?.querySelectorAll<HTMLElement>('[data-row-id]') ?? [])].find(
      (el) => el.dataset.rowId === selection.focus,
    );
    row?.focus({ preventScroll: true });
  }, [focusRequest, selection.focus]);

  const focusRow = useCallback(
    (index: number, extend: boolean) => {
      const id = rows[index];
      if (id === undefined) return;
      selection.moveFocus(id, extend);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      setFocusRequest((n) => n + 1);
    },
    [rows, selection, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys from portalled menus bubble here through React; only the grid's own elements count.
    if (!(e.target instanceof Node) || !scrollRef.current?.contains(e.target)) return;
    const pageSize = Math.max(1, Math.floor((scrollRef.current.clientHeight - rowHeight) / rowHeight) - 1);
    if (handleGridKey(e, { rows, selection, pageSize, focusRow, onOpen, onCommand })) {
      e.preventDefault();
      // Esc also closes an open details pane (it listens on the document), so it travels on.
      if (e.key !== 'Escape') e.stopPropagation();
    }
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const id = rowOf(e.target);
    if (id === null || (e.target instanceof HTMLInputElement && e.target.type === 'checkbox')) return;
    hold.clicked();
    selection.click(id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey });
  };

  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const id = rowOf(e.target);
    // File-manager convention: right-clicking outside the selection selects just that row first.
    if (id !== null && !selection.selected.has(id)) selection.click(id, { ctrl: false, shift: false });
  };

  const measure = useCallback((column: SortColumn) => {
    let widest = 0;
    scrollRef.current?.querySelectorAll<HTMLElement>(`[data-col="${column}"]`).forEach((cell) => {
      const content = cell.firstElementChild instanceof HTMLElement ? cell.firstElementChild : cell;
      widest = Math.max(widest, content.scrollWidth);
    });
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 24));
  }, []);

  const widths = layout.visible.map((c) => layout.widthOf(c));
  const style = {
    // Every row is at least as wide as the grid, so a 1fr column resolves the same in each of them.
    '--grid-columns': `${CHECKBOX_WIDTH}px ${widths
      .map((w, i) => (fillName && layout.visible[i] === 'name' ? `minmax(${w}px, 1fr)` : `${w}px`))
      .join(' ')}`,
    '--grid-width': `${CHECKBOX_WIDTH + widths.reduce((a, b) => a + b, 0)}px`,
    '--row-height': `${rowHeight}px`,
  } as CSSProperties;
  const visibleSelected = rows.length > 0 && rows.every((id) => selection.selected.has(id));

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={t('list.label')}
      aria-rowcount={rows.length + 1}
      aria-colcount={layout.visible.length + 1}
      aria-multiselectable="true"
      className={`grid${stale ? ' grid--stale' : ''}`}
      style={style}
      onKeyDown={onKeyDown}
      onPointerDown={hold.pointerDown}
      onPointerUp={hold.pointerUp}
    >
      <GridHeader
        layout={layout}
        sort={sort}
        onSort={onSort}
        allSelected={visibleSelected}
        someSelected={selection.selected.size > 0}
        onToggleAll={selection.toggleAll}
        measure={measure}
      />
      {/* Not modal: a modal menu locks scrolling with an inline <style>, which the CSP refuses. */}
      <ContextMenu.Root modal={false} onOpenChange={hold.menuOpen}>
        <ContextMenu.Trigger asChild>
          <div
            role="rowgroup"
            className="grid__body"
            style={{ height: virtualizer.getTotalSize() }}
            onClick={onClick}
            onDoubleClick={(e) => {
              const id = rowOf(e.target);
              if (id !== null) onOpen(id);
            }}
            onContextMenu={onContextMenu}
            onFocus={(e) => {
              // A row focused by Tab or a click takes the roving tab stop, so arrows start from it.
              const id = rowOf(e.target);
              if (id !== null && id !== selection.focus) selection.moveFocus(id, false);
            }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const id = rows[item.index];
              if (id === undefined) return null;
              return (
                <TorrentRow
                  key={id}
                  id={id}
                  index={item.index}
                  top={item.start - rowHeight}
                  selected={selection.selected.has(id)}
                  focused={id === selection.focus || (selection.focus === null && item.index === 0)}
                  columns={layout.visible}
                  onToggle={selection.toggle}
                  units={units}
                />
              );
            })}
          </div>
        </ContextMenu.Trigger>
        <RowMenu count={selection.selected.size} selected={selection.selected} onCommand={(c) => onCommand(c)} onLabel={onLabel} />
      </ContextMenu.Root>
    </div>
  );
}
