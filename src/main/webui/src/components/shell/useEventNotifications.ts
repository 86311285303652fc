import { useEffect } from 'react';
import { useApp } from '../../context';
import { getPrefs } from '../../prefs/prefs';
import { t } from '../../i18n';
import type { LiveState } from '../../store/live';

/**
 * A system notification for a completion while the tab is hidden, when the user turned browser
 * notifications on (Settings › Web UI, which asks the browser's permission) and the browser allows it.
 */
function notifyBrowser(text: string): void {
  if (!getPrefs().browserNotifications || document.visibilityState !== 'hidden') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(text, { icon: '/icon-192.png', tag: text });
  } catch {
    // Some mobile browsers only notify through a service worker: the toast is still there on return.
  }
}

/**
 * Tells the user about server events as they happen: completions and errors as toasts (which are
 * also announced), additions and removals only to screen readers. The events already in the first
 * snapshot are history, not news, so they set the baseline silently.
 */
export function useEventNotifications(): void {
  const app = useApp();
  useEffect(() => {
    let baseline: number | null = null;
    const check = (state: LiveState) => {
      if (state.session === null) return;
      const newest = state.events.at(-1)?.id ?? 0;
      if (baseline === null || newest < baseline) {
        baseline = newest; // first data, or a restarted server numbering from scratch
        return;
      }
      for (const event of state.events) {
        if (event.id <= baseline) continue;
        const name = event.name;
        if (event.kind === 'torrent.completed') {
          app.toast(t('event.completed', { name }), 'success');
          notifyBrowser(t('event.completed', { name }));
        }
        else if (event.kind === 'torrent.error')
          app.toast(t('event.error', { name }), 'error', event.message ? [event.message] : []);
        else if (event.kind === 'torrent.added') app.announce(t('event.added', { name }));
        else if (event.kind === 'torrent.removed') app.announce(t('event.removed', { name }));
      }
      baseline = newest;
    };
    check(app.store.getState());
    return app.store.subscribe(check);
  }, [app]);
}
