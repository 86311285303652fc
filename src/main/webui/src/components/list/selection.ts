import { useCallback, useEffect, useMemo, useState } from 'react';

export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts. */
  readonly anchor: string | null;
  /** The row with the roving tab stop. */
  readonly focus: string | null;
}

const EMPTY: Selection = { selected: new Set(), anchor: null, focus: null };

function range(rows: readonly string[], from: string | null, to: string): string[] {
  const end = rows.indexOf(to);
  const start = from === null ? -1 : rows.indexOf(from);
  if (end < 0) return [];
  if (start < 0) return [to];
  const [a, b] = start <= end ? [start, end] : [end, start];
  return rows.slice(a, b + 1);
}

export interface SelectionApi extends Selection {
  /** Row click: plain = only this; Ctrl/⌘ = toggle; Shift = range from the anchor (Ctrl+Shift adds it). */
  click(id: string, modifiers: { ctrl: boolean; shift: boolean }): void;
  toggle(id: string): void;
  /** Moves the focus; with `extend`, selects from the anchor to the new focus (Shift+↑/↓). */
  moveFocus(id: string, extend: boolean): void;
  selectAll(): void;
  /** Header checkbox: all visible rows, or none when they all are selected. */
  toggleAll(): void;
  clear(): void;
  /** Selected ids in the order of `rows`, then any selected but filtered out. */
  readonly ids: readonly string[];
}

/**
 * Selection over the displayed `rows`, kept as a Set of ids so it survives filtering, sorting and
 * updates; ids that no longer exist (`exists` false) leave it whenever `changed` changes (the ids).
 */
export function useSelection(rows: readonly string[], exists: (id: string) => boolean, changed: unknown): SelectionApi {
  const [sel, setSel] = useState<Selection>(EMPTY);

  // Removed torrents leave the selection (and the anchor/focus) on the next commit.
  useEffect(() => {
    setSel((s) => {
      const gone = [...s.selected].filter((id) => !exists(id));
      const anchorGone = s.anchor !== null && !exists(s.anchor);
      const focusGone = s.focus !== null && !exists(s.focus);
      if (gone.length === 0 && !anchorGone && !focusGone) return s;
      const selected = new Set(s.selected);
      gone.forEach((id) => selected.delete(id));
      return { selected, anchor: anchorGone ? null : s.anchor, focus: focusGone ? null : s.focus };
    });
  }, [exists, changed]);

  const click = useCallback(
    (id: string, { ctrl, shift }: { ctrl: boolean; shift: boolean }) =>
      setSel((s) => {
        if (shift) {
          const span = range(rows, s.anchor, id);
          const selected = ctrl ? new Set([...s.selected, ...span]) : new Set(span);
          return { selected, anchor: s.anchor ?? id, focus: id };
        }
        if (ctrl) {
          const selected = new Set(s.selected);
          if (!selected.delete(id)) selected.add(id);
          return { selected, anchor: id, focus: id };
        }
        return { selected: new Set([id]), anchor: id, focus: id };
      }),
    [rows],
  );

  const toggle = useCallback(
    (id: string) =>
      setSel((s) => {
        const selected = new Set(s.selected);
        if (!selected.delete(id)) selected.add(id);
        return { selected, anchor: id, focus: id };
      }),
    [],
  );

  const moveFocus = useCallback(
    (id: string, extend: boolean) =>
      setSel((s) => {
        if (!extend) return { ...s, focus: id };
        const anchor = s.anchor ?? s.focus ?? id;
        return { selected: new Set(range(rows, anchor, id)), anchor, focus: id };
      }),
    [rows],
  );

  const selectAll = useCallback(() => setSel((s) => ({ ...s, selected: new Set(rows) })), [rows]);
  const toggleAll = useCallback(
    () =>
      setSel((s) => {
        const all = rows.length > 0 && rows.every((id) => s.selected.has(id));
        return { ...s, selected: all ? new Set() : new Set(rows) };
      }),
    [rows],
  );
  const clear = useCallback(() => setSel((s) => ({ ...s, selected: new Set(), anchor: null })), []);

  const ids = useMemo(() => {
    const inRows = rows.filter((id) => sel.selected.has(id));
    if (inRows.length === sel.selected.size) return inRows;
    const shown = new Set(inRows);
    return [...inRows, ...[...sel.selected].filter((id) => !shown.has(id))];
  }, [rows, sel.selected]);

  return { ...sel, ids, click, toggle, moveFocus, selectAll, toggleAll, clear };
}
