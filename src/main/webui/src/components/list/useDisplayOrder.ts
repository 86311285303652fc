import { useCallback, useEffect, useRef, useState } from 'react';

/** How long re-ordering waits after a click, so the row clicked does not move under the pointer. */
export const HOLD_AFTER_CLICK_MS = 1000;

export interface SortHold {
  /** True while re-ordering is held. */
  readonly held: boolean;
  /** Holds while the pointer is down (pair with `pointerUp`). */
  pointerDown(): void;
  pointerUp(): void;
  /** Holds for {@link HOLD_AFTER_CLICK_MS} from now. */
  clicked(): void;
  /** Holds while a context menu is open. */
  menuOpen(open: boolean): void;
}

/** Tracks the reasons to keep rows in place (UI spec 1.2: no jumping rows under the pointer). */
export function useSortHold(): SortHold {
  const [pointer, setPointer] = useState(false);
  const [menu, setMenu] = useState(false);
  const [recent, setRecent] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const clicked = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    setRecent(true);
    timer.current = setTimeout(() => {
      timer.current = null;
      setRecent(false);
    }, HOLD_AFTER_CLICK_MS);
  }, []);

  // A pointer released outside the grid (or the window) must still end the hold.
  useEffect(() => {
    if (!pointer) return;
    const up = () => setPointer(false);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    window.addEventListener('blur', up);
    return () => {
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      window.removeEventListener('blur', up);
    };
  }, [pointer]);

  return {
    held: pointer || menu || recent,
    pointerDown: useCallback(() => setPointer(true), []),
    pointerUp: useCallback(() => setPointer(false), []),
    clicked,
    menuOpen: setMenu,
  };
}

/**
 * The order rows are shown in. While `held`, rows keep their places: ids that left are dropped and
 * new ids are appended at the end, but nothing moves. A change of the query itself (`queryKey`: a
 * filter, search or sort the user chose) always applies at once.
 */
export function useDisplayOrder(computed: readonly string[], held: boolean, queryKey: string): readonly string[] {
  const shown = useRef<{ ids: readonly string[]; key: string }>({ ids: computed, key: queryKey });
  const previous = shown.current;
  let next: readonly string[];
  if (!held || previous.key !== queryKey) {
    next = computed;
  } else if (previous.ids === computed) {
    next = previous.ids;
  } else {
    const present = new Set(computed);
    const kept = previous.ids.filter((id) => present.has(id));
    const known = new Set(kept);
    const fresh = computed.filter((id) => !known.has(id));
    next = fresh.length === 0 && kept.length === previous.ids.length ? previous.ids : [...kept, ...fresh];
  }
  // Writing a ref during render is safe here: the value is a pure function of the inputs and the
  // previous value, so a discarded render recomputes the same thing.
  shown.current = { ids: next, key: queryKey };
  return next;
}
