import { useCallback, useEffect, useRef, type MouseEvent, type PointerEvent } from 'react';

/** How long a finger must rest on a card to select it (Android's and iOS's own long-press time). */
export const LONG_PRESS_MS = 500;
/** A finger that moves further than this is scrolling, not pressing. */
export const MOVE_TOLERANCE_PX = 10;

export interface LongPress {
  /** Spread on the element whose descendants are pressed (event delegation, like the grid's clicks). */
  readonly handlers: {
    onPointerDown(e: PointerEvent): void;
    onPointerMove(e: PointerEvent): void;
    onPointerUp(): void;
    onPointerCancel(): void;
    onContextMenu(e: MouseEvent): void;
  };
  /**
   * True once after a long press fired: the click that ends the press must not also open the card.
   * Call it from the click handler.
   */
  consumeClick(): boolean;
}

/**
 * Long-press on items found by `keyOf(target)` (null: not an item, ignored). The timer starts on
 * pointer down and is cancelled by moving, lifting, a cancelled pointer (the browser took the
 * gesture for scrolling) or unmounting.
 */
export function useLongPress(keyOf: (target: EventTarget | null) => string | null, onLongPress: (key: string) => void): LongPress {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const onPointerDown = useCallback(
    (e: PointerEvent) => {
      cancel();
      // A new press starts clean, even if the last long press ended without a click.
      fired.current = false;
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      const key = keyOf(e.target);
      if (key === null) return;
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = setTimeout(() => {
        timer.current = null;
        start.current = null;
        fired.current = true;
        callback.current(key);
      }, LONG_PRESS_MS);
    },
    [cancel, keyOf],
  );

  const onPointerMove = useCallback(
    (e: PointerEvent) => {
      const from = start.current;
      if (from !== null && Math.hypot(e.clientX - from.x, e.clientY - from.y) > MOVE_TOLERANCE_PX) cancel();
    },
    [cancel],
  );

  const onContextMenu = useCallback(
    (e: MouseEvent) => {
      // Android opens the browser's menu on a long press, a mouse on the right button: on an item
      // that gesture is the long press (onLongPress must not mind being called twice for one press).
      const key = keyOf(e.target);
      if (key === null) return;
      e.preventDefault();
      cancel();
      fired.current = true;
      callback.current(key);
    },
    [cancel, keyOf],
  );

  const consumeClick = useCallback(() => {
    const was = fired.current;
    fired.current = false;
    return was;
  }, []);

  return {
    handlers: { onPointerDown, onPointerMove, onPointerUp: cancel, onPointerCancel: cancel, onContextMenu },
    consumeClick,
  };
}
