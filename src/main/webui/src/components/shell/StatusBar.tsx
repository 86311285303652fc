import { useEffect, useState } from 'react';
import type { Rest } from '../../api/rest';
import { formatBytes, formatRatio } from '../../format';
import { t } from '../../i18n';
import { useSession } from '../../store/live';

interface Space {
  readonly freeBytes?: number;
}

const POLL_MS = 30_000;

/** Polls a small GET every `ms` while the page is shown; the value stays null until the first answer. */
function usePolled<T>(rest: Rest, path: string | null, ms: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (path === null) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      if (document.visibilityState === 'hidden') {
        timer = setTimeout(poll, ms);
        return;
      }
      rest.request<T>('GET', path).then(
        // An empty answer (a proxy's 204) keeps the last value rather than blanking the bar.
        (v) => {
          if (!stopped && typeof v === 'object' && v !== null) setValue(v);
        },
        () => undefined,
      ).finally(() => {
        if (!stopped) timer = setTimeout(poll, ms);
      });
    };
    poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [rest, path, ms]);
  return value;
}

/**
 * The bottom line (UI spec 1.1): free space where new torrents go, DHT nodes, connected peers, the
 * session's ratio, the torrents waiting in the queue (while it is on) and whether any peer has reached
 * our port. Text, never colour alone.
 */
export function StatusBar({ rest, folder }: { readonly rest: Rest; readonly folder: string | null }) {
  const session = useSession();
  const spacePath = folder === null ? null
    : folder === '' ? '/api/v1/session/space' : `/api/v1/session/space?folder=${encodeURIComponent(folder)}`;
  const space = usePolled<Space>(rest, spacePath, POLL_MS);
  const dht = usePolled<{ enabled: boolean; nodes: number }>(rest, '/api/v1/dht/stats', 10_000);
  const down = session?.downloadedTotal ?? 0;
  const up = session?.uploadedTotal ?? 0;
  const reachable = (session?.incomingPeers ?? 0) > 0;
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span>{t('status.free', { space: space?.freeBytes === undefined ? '…' : formatBytes(space.freeBytes) })}</span>
      <span>{dht === null ? t('status.dht', { nodes: '…' }) : dht.enabled ? t('status.dht', { nodes: dht.nodes }) : t('status.dhtOff')}</span>
      <span>{t('status.peers', { count: session?.peersConnected ?? 0 })}</span>
      <span>{t('status.ratio', { ratio: down > 0 ? formatRatio(up / down) : '–' })}</span>
      {/* Only while the queue is on: then some torrents may wait, and how many says why nothing moves. */}
      {session?.queueing === true && <span>{t('status.queuedCount', { count: session.queued ?? 0 })}</span>}
      <span className={reachable ? 'statusbar__ok' : 'statusbar__unknown'}
        title={reachable ? t('status.reachableHelp') : t('status.unconfirmedHelp')}>
        {reachable ? t('status.reachable') : t('status.unconfirmed')}
      </span>
    </footer>
  );
}
