import { useCallback, useSyncExternalStore } from 'react';

/**
 * The layout breakpoints (UI spec 1.7). The CSS uses the very same queries, so the components
 * React picks and the rules that style them always agree on which layout is showing.
 */
export const PHONE_QUERY = '(max-width: 639px)';
export const TABLET_QUERY = '(min-width: 640px) and (max-width: 1024px)';

export type Viewport = 'phone' | 'tablet' | 'desktop';

const hasMatchMedia = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function';

/** Whether `query` matches now, re-rendering when that changes (a rotation, a resized window). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!hasMatchMedia()) return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  // Without matchMedia (old test DOMs, some embedded views) nothing matches: the desktop layout.
  const matches = () => hasMatchMedia() && window.matchMedia(query).matches;
  return useSyncExternalStore(subscribe, matches, () => false);
}

/** Which of the three layouts the window is in. */
export function useViewport(): Viewport {
  const phone = useMediaQuery(PHONE_QUERY);
  const tablet = useMediaQuery(TABLET_QUERY);
  return phone ? 'phone' : tablet ? 'tablet' : 'desktop';
}
