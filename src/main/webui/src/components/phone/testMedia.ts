/**
 * Test double for `window.matchMedia` (jsdom has none): answers the width queries of
 * useMediaQuery.ts for a pretend window width, and tells listeners when the width changes.
 * Understands `(min-width: Npx)` and `(max-width: Npx)` joined by `and`; anything else is false.
 */
export interface FakeMedia {
  setWidth(width: number): void;
  restore(): void;
}

function matches(query: string, width: number): boolean {
  const parts = query.split(/\s+and\s+/);
  return parts.every((part) => {
    const m = /^\(\s*(min|max)-width:\s*([\d.]+)px\s*\)$/.exec(part.trim());
    if (m === null) return false;
    const limit = Number(m[2]);
    return m[1] === 'min' ? width >= limit : width <= limit;
  });
}

export function fakeMedia(initialWidth: number): FakeMedia {
  let width = initialWidth;
  const listeners = new Set<{ query: string; last: boolean; fn: (e: MediaQueryListEvent) => void }>();
  const had = Object.getOwnPropertyDescriptor(window, 'matchMedia');

  const matchMedia = (query: string): MediaQueryList =>
    ({
      media: query,
      get matches() {
        return matches(query, width);
      },
      onchange: null,
      addEventListener: (_type: string, fn: (e: MediaQueryListEvent) => void) => {
        listeners.add({ query, last: matches(query, width), fn });
      },
      removeEventListener: (_type: string, fn: (e: MediaQueryListEvent) => void) => {
        for (const l of listeners) if (l.fn === fn && l.query === query) listeners.delete(l);
      },
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList;

  Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: matchMedia });
  return {
    setWidth(next) {
      width = next;
      for (const l of [...listeners]) {
        const now = matches(l.query, width);
        if (now !== l.last) {
          l.last = now;
          l.fn({ matches: now, media: l.query } as MediaQueryListEvent);
        }
      }
    },
    restore() {
      listeners.clear();
      if (had) Object.defineProperty(window, 'matchMedia', had);
      else delete (window as { matchMedia?: unknown }).matchMedia;
    },
  };
}
