import { Bell, CircleAlert, CircleCheck, CirclePlus, CircleMinus } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useEffect, useState } from 'react';
import type { EventEntry } from '../../api/frames';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { useLiveEvents } from '../../store/live';

const ICONS = {
  'torrent.added': CirclePlus,
  'torrent.removed': CircleMinus,
  'torrent.completed': CircleCheck,
  'torrent.error': CircleAlert,
} as const;
const SEEN_KEY = 'bitquark.eventsSeen';

function readSeen(): number {
  try {
    return Number(window.localStorage.getItem(SEEN_KEY)) || 0;
  } catch {
    return 0;
  }
}

/** What happened, as a sentence: "Completed: name". */
export function describeEvent(e: EventEntry): string {
  const name = e.name;
  switch (e.kind) {
    case 'torrent.completed':
      return t('event.completed', { name });
    case 'torrent.error':
      return t('event.error', { name });
    case 'torrent.added':
      return t('event.added', { name });
    default:
      return t('event.removed', { name });
  }
}

/**
 * The notification centre (UI spec 1.9): the server's last 100 events (the snapshot brings them, so
 * it is full on page load), newest first, with a count of those not yet seen in this browser. Each
 * names its torrent as text and leads to it; an error shows its message.
 */
export function NotificationCentre() {
  const events = useLiveEvents();
  const [seen, setSeen] = useState(readSeen);
  const [open, setOpen] = useState(false);
  const newest = events.at(-1)?.id ?? 0;
  // A restarted server numbers its events from 1 again: what was seen before is then all older.
  const unseen = events.filter((e) => e.id > (seen > newest ? 0 : seen)).length;

  useEffect(() => {
    if (!open || newest === 0) return;
    setSeen(newest);
    try {
      window.localStorage.setItem(SEEN_KEY, String(newest));
    } catch {
      // Kept for this page only.
    }
  }, [open, newest]);

  const label = unseen > 0 ? t('notifications.openUnseen', { count: unseen }) : t('notifications.open');
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button type="button" className="icon-button notifications__trigger" aria-label={label} title={label}>
          <Bell size={18} aria-hidden="true" />
          {unseen > 0 && (
            <span className="notifications__badge" aria-hidden="true">
              {unseen > 99 ? '99+' : unseen}
            </span>
          )}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="notifications" align="end" sideOffset={4} aria-label={t('notifications.title')}>
          <h2 className="notifications__title">{t('notifications.title')}</h2>
          {events.length === 0 ? (
            <p className="notifications__empty">{t('notifications.empty')}</p>
          ) : (
            <ul className="notifications__list">
              {[...events].reverse().map((e) => {
                const Icon = ICONS[e.kind] ?? CirclePlus;
                return (
                  <li key={e.id} className={`notifications__item notifications__item--${e.kind.replace('torrent.', '')}`}>
                    <Icon size={16} aria-hidden="true" />
                    <div className="notifications__text">
                      {e.kind === 'torrent.removed' ? (
                        <span>{describeEvent(e)}</span>
                      ) : (
                        <a href={`/t/${encodeURIComponent(e.torrent)}`} onClick={(click) => {
                          click.preventDefault();
                          setOpen(false);
                          navigate(`/t/${encodeURIComponent(e.torrent)}`);
                        }}>
                          {describeEvent(e)}
                        </a>
                      )}
                      {e.message && <span className="notifications__message">{e.message}</span>}
                      <time dateTime={e.at} className="notifications__time">{formatDate(e.at)}</time>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
