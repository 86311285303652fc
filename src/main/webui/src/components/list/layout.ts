import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SortColumn } from '../../store/selectors';
import { COLUMNS, COLUMN_BY_ID, MAX_WIDTH, MIN_WIDTH } from './columns';

/** Bump the version when the stored shape changes; an old layout is then ignored, not misread. */
export const LAYOUT_KEY = 'bitquark.list.layout.v1';
/** A tablet's layout is kept apart: turning it crosses 1024 px, and each width keeps its own. */
export const TABLET_LAYOUT_KEY = 'bitquark.list.layout.tablet.v1';

/** Desktop: every default column. Tablet (640–1024 px, UI spec 1.7): fewer and narrower ones. */
export type LayoutVariant = 'desktop' | 'tablet';

const TABLET_COLUMNS: readonly SortColumn[] = ['name', 'progress', 'state', 'down', 'up', 'eta'];
/**
 * 36 + 588 px: fits 768 px less the tablet sidebar and padding (shell.css) and a classic scrollbar.
 * Name is a minimum there: on a tablet it also takes the width the others leave (TorrentGrid fillName).
 */
const TABLET_WIDTHS: Readonly<Partial<Record<SortColumn, number>>> = { name: 140, progress: 96, state: 100, down: 76, up: 76, eta: 58 };
const keyOf = (variant: LayoutVariant) => (variant === 'tablet' ? TABLET_LAYOUT_KEY : LAYOUT_KEY);

export interface ColumnLayout {
  /** Every column id, in display order (hidden ones keep their place). */
  readonly order: readonly SortColumn[];
  readonly hidden: readonly SortColumn[];
  readonly widths: Readonly<Partial<Record<SortColumn, number>>>;
}

export const defaultLayout = (variant: LayoutVariant = 'desktop'): ColumnLayout =>
  variant === 'tablet'
    ? { order: COLUMNS.map((c) => c.id), hidden: COLUMNS.filter((c) => !TABLET_COLUMNS.includes(c.id)).map((c) => c.id), widths: TABLET_WIDTHS }
    : { order: COLUMNS.map((c) => c.id), hidden: COLUMNS.filter((c) => !c.visible).map((c) => c.id), widths: {} };

const clampWidth = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

/**
 * Reads a stored layout defensively (it may come from an older or newer UI): unknown ids are
 * dropped, columns added since are appended with their default visibility, widths are clamped.
 */
export function sanitizeLayout(value: unknown, variant: LayoutVariant = 'desktop'): ColumnLayout {
  const fallback = defaultLayout(variant);
  if (typeof value !== 'object' || value === null) return fallback;
  const v = value as Record<string, unknown>;
  const known = (id: unknown): id is SortColumn => typeof id === 'string' && COLUMN_BY_ID.has(id as SortColumn);
  const order = Array.isArray(v.order) ? [...new Set(v.order.filter(known))] : [];
  const added = fallback.order.filter((id) => !order.includes(id));
  const hidden = Array.isArray(v.hidden) ? v.hidden.filter(known) : [];
  const widths: Partial<Record<SortColumn, number>> = { ...fallback.widths };
  if (typeof v.widths === 'object' && v.widths !== null) {
    for (const [id, w] of Object.entries(v.widths as Record<string, unknown>)) {
      if (known(id) && typeof w === 'number' && Number.isFinite(w)) widths[id] = clampWidth(w);
    }
  }
  return {
    order: [...order, ...added],
    hidden: [...hidden, ...added.filter((id) => fallback.hidden.includes(id))].filter((id) => !COLUMN_BY_ID.get(id)?.required),
    widths,
  };
}

function load(variant: LayoutVariant): ColumnLayout {
  try {
    const raw = window.localStorage.getItem(keyOf(variant));
    return raw === null ? defaultLayout(variant) : sanitizeLayout(JSON.parse(raw), variant);
  } catch {
    return defaultLayout(variant); // storage disabled or corrupt: the defaults are always usable
  }
}

export interface ColumnLayoutApi {
  readonly layout: ColumnLayout;
  /** Visible columns in order. */
  readonly visible: readonly SortColumn[];
  widthOf(id: SortColumn): number;
  setWidth(id: SortColumn, width: number): void;
  toggle(id: SortColumn): void;
  /** Moves `id` by `delta` places among all columns. */
  move(id: SortColumn, delta: number): void;
  /** Moves `id` to where `before` is. */
  moveBefore(id: SortColumn, before: SortColumn): void;
  reset(): void;
}

/** The list's column layout, persisted per device (and per variant) in localStorage. */
export function useColumnLayout(variant: LayoutVariant = 'desktop'): ColumnLayoutApi {
  const [state, setState] = useState(() => ({ variant, layout: load(variant) }));
  // The window crossed into the other variant: show that one's layout from this very render on.
  const current = state.variant === variant ? state : { variant, layout: load(variant) };
  if (current !== state) setState(current);
  const layout = current.layout;
  const setLayout = useCallback((change: (l: ColumnLayout) => ColumnLayout) => setState((s) => ({ ...s, layout: change(s.layout) })), []);

  useEffect(() => {
    try {
      window.localStorage.setItem(keyOf(current.variant), JSON.stringify(current.layout));
    } catch {
      // Private mode or quota: the layout just does not persist.
    }
  }, [current.variant, current.layout]);

  const reorder = useCallback((id: SortColumn, target: (order: SortColumn[]) => number) => {
    setLayout((l) => {
      const order = l.order.filter((c) => c !== id);
      const at = Math.max(0, Math.min(order.length, target(order)));
      order.splice(at, 0, id);
      return { ...l, order };
    });
  }, [setLayout]);

  // One array per layout change: rows are memoised on it, so a new one per render would re-render them all.
  const visible = useMemo(() => layout.order.filter((id) => !layout.hidden.includes(id)), [layout]);

  return {
    layout,
    visible,
    widthOf: (id) => layout.widths[id] ?? COLUMN_BY_ID.get(id)?.width ?? 100,
    setWidth: (id, width) => setLayout((l) => ({ ...l, widths: { ...l.widths, [id]: clampWidth(width) } })),
    toggle: (id) =>
      setLayout((l) => {
        if (COLUMN_BY_ID.get(id)?.required) return l;
        const hidden = l.hidden.includes(id) ? l.hidden.filter((c) => c !== id) : [...l.hidden, id];
        return { ...l, hidden };
      }),
    move: (id, delta) => reorder(id, () => layout.order.indexOf(id) + delta),
    moveBefore: (id, before) => reorder(id, (order) => order.indexOf(before)),
    reset: () => setLayout(() => defaultLayout(variant)),
  };
}
