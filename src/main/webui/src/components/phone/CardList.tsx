import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { t } from '../../i18n';
import { buildUrl } from '../../router';
import type { ListQuery } from '../../store/selectors';
import type { SelectionApi } from '../list/selection';
import type { SortHold } from '../list/useDisplayOrder';
import { CARD_HEIGHT, TorrentCard } from './TorrentCard';
import { useLongPress } from './useLongPress';
import './phone.css';

export interface CardListProps {
  readonly rows: readonly string[];
  readonly query: ListQuery;
  readonly selection: SelectionApi;
  readonly hold: SortHold;
  readonly onOpen: (id: string) => void;
  /** Cards kept on screen after the connection dropped are dimmed. */
  readonly stale: boolean;
}

/** A few cards beyond each edge: a fling shows cards, not blank space, and the DOM stays small. */
const OVERSCAN = 4;
/** Room below the last card, so the floating Add button or the bottom bar never covers it. */
const END_PADDING = 96;

const cardOf = (target: EventTarget | null): string | null =>
  target instanceof Element ? (target.closest<HTMLElement>('[data-card-id]')?.dataset.cardId ?? null) : null;
const onCheckbox = (target: EventTarget | null): boolean => target instanceof Element && target.closest('[data-card-check]') !== null;
/** Long presses count on the card, not on its checkbox (that one is a plain tap target). */
const pressable = (target: EventTarget | null): string | null => (onCheckbox(target) ? null : cardOf(target));

/**
 * The phone's torrent list (UI spec 1.7): cards of a fixed height, virtualised so only the cards in
 * view (plus a few) are in the DOM. A tap opens the details page; a long press or the checkbox
 * selects, and while anything is selected a tap toggles instead (selection mode).
 */
export function CardList({ rows, query, selection, hold, onOpen, stale }: CardListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: OVERSCAN,
    paddingEnd: END_PADDING,
    getItemKey: (index) => rows[index] ?? index,
  });

  const selected = selection.selected;
  const toggle = selection.toggle;
  const longPress = useLongPress(
    pressable,
    useCallback(
      (id: string) => {
        hold.clicked();
        if (!selected.has(id)) toggle(id);
        // A short buzz where the device can, as the platforms' own long press does.
        navigator.vibrate?.(10);
      },
      [hold, selected, toggle],
    ),
  );

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const id = cardOf(e.target);
    if (id === null || onCheckbox(e.target)) return;
    if (longPress.consumeClick()) {
      e.preventDefault();
      return;
    }
    // Ctrl/⌘/Shift or a middle click on the name: the browser opens the link in a new tab or window.
    const onLink = e.target instanceof Element && e.target.closest('a') !== null;
    if (onLink && (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0)) return;
    e.preventDefault();
    hold.clicked();
    if (selected.size > 0) toggle(id);
    else onOpen(id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // A hardware keyboard: Esc leaves selection mode (and travels on, as in the grid).
    if (e.key === 'Escape' && selected.size > 0) selection.clear();
  };

  return (
    <div
      ref={scrollRef}
      className={`cards${stale ? ' cards--stale' : ''}`}
      onPointerDown={(e) => {
        hold.pointerDown();
        longPress.handlers.onPointerDown(e);
      }}
      onPointerMove={longPress.handlers.onPointerMove}
      onPointerUp={() => {
        hold.pointerUp();
        longPress.handlers.onPointerUp();
      }}
      onPointerCancel={longPress.handlers.onPointerCancel}
      onContextMenu={longPress.handlers.onContextMenu}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <p id={hintId} className="sr-only">
        {t('phone.selectHint')}
      </p>
      <div role="list" aria-label={t('list.label')} aria-describedby={hintId} className="cards__list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const id = rows[item.index];
          if (id === undefined) return null;
          return (
            <TorrentCard
              key={id}
              id={id}
              index={item.index}
              count={rows.length}
              top={item.start}
              selected={selected.has(id)}
              href={buildUrl({ page: 'details', id, tab: null }, query)}
              onToggle={toggle}
            />
          );
        })}
      </div>
    </div>
  );
}
