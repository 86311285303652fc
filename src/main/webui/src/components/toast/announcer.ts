import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * Feeds the page's one polite live region. Messages that come faster than `intervalMs` are joined
 * into one announcement, so a bulk action on 50 torrents or a burst of completions is read once
 * instead of flooding the screen reader's queue (UI spec 1.8: announcements are throttled).
 */
export type Announcer = StoreApi<{ readonly text: string }> & {
  announce(message: string): void;
  dispose(): void;
};

export function createAnnouncer(intervalMs = 1000): Announcer {
  const store = createStore<{ readonly text: string }>()(() => ({ text: '' }));
  let pending: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    if (pending.length === 0) return;
    const unique = [...new Set(pending)];
    pending = [];
    // Appending a marker-free repeat would not be re-read; alternate a trailing space so equal text is.
    const text = unique.join(' ');
    store.setState((s) => ({ text: s.text === text ? `${text}\u00a0` : text }));
    timer = setTimeout(flush, intervalMs);
  };

  return Object.assign(store, {
    announce(message: string) {
      pending.push(message);
      if (timer === null) flush();
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = [];
    },
  });
}
