import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SortColumn } from '../../store/selectors';
import { COLUMNS, COLUMN_BY_ID, MAX_WIDTH, MIN_WIDTH } from './columns';

/** Bump the version when the stored shape changes; an old layout is then ignored, not misread. */
export const LAYOUT_KEY = 'bitquark.list.layout.v1';

export interface ColumnLayout {
  /** Every column id, in display order (hidden ones keep their place). */
  readonly order: readonly SortColumn[];
  readonly hidden: readonly SortColumn[];
  readonly widths: Readonly<Partial<Record<SortColumn, number>>>;
}

export const defaultLayout = (): ColumnLayout => ({
  order: COLUMNS.map((c) => c.id),
  hidden: COLUMNS.filter((c) => !c.visible).map((c) => c.id),
  widths: {},
});

const clampWidth = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

/**
 * Reads a stored layout defensively (it may come from an older or newer UI): unknown ids are
 * dropped, columns added since are appended with their default visibility, widths are clamped.
 */
export function sanitizeLayout(value: unknown): ColumnLayout {
  const fallback = defaultLayout();
  if (typeof value !== 'object' || value === null) return fallback;
  const v = value as Record<string, unknown>;
  const known = (id: unknown): id is SortColumn => typeof id === 'string' && COLUMN_BY_ID.has(id as SortColumn);
  const order = Array.isArray(v.order) ? [...new Set(v.order.filter(known))] : [];
  const added = fallback.order.filter((id) => !order.includes(id));
  const hidden = Array.isArray(v.hidden) ? v.hidden.filter(known) : [];
  const widths: Partial<Record<SortColumn, number>> = {};
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

function load(): ColumnLayout {
  try {
    const raw = window.localStorage.getItem(LAYOUT_KEY);
    return raw === null ? defaultLayout() : sanitizeLayout(JSON.parse(raw));
  } catch {
    return defaultLayout(); // storage disabled or corrupt: the defaults are always usable
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

/** The list's column layout, persisted per device in localStorage. */
export function useColumnLayout(): ColumnLayoutApi {
  const [layout, setLayout] = useState<ColumnLayout>(load);

  useEffect(() => {
    try {
      window.localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout));
    } catch {
      // Private mode or quota: the layout just does not persist.
    }
  }, [layout]);

  const reorder = useCallback((id: SortColumn, target: (order: SortColumn[]) => number) => {
    setLayout((l) => {
      const order = l.order.filter((c) => c !== id);
      const at = Math.max(0, Math.min(order.length, target(order)));
      order.splice(at, 0, id);
      return { ...l, order };
    });
  }, []);

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
    reset: () => setLayout(defaultLayout()),
  };
}
