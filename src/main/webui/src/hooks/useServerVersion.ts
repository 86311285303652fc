import { useEffect, useState } from 'react';
import type { EventsClient, VersionInfo } from '../api';

export type VersionLoader = (signal: AbortSignal) => Promise<VersionInfo>;

/**
 * The server's version: loaded once with `loadVersion`, then kept current by the hello the
 * server sends on each (re)connection, which also covers a failed load and a server upgraded
 * while the page stayed open. `null` until either source answers.
 */
export function useServerVersion(loadVersion: VersionLoader, client: EventsClient): string | null {
  const [version, setVersion] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    loadVersion(abort.signal).then(
      (info) => {
        if (!abort.signal.aborted) setVersion(info.version);
      },
      (error: unknown) => {
        if (!abort.signal.aborted) console.warn('bitquark: could not load the server version', error);
      },
    );
    return () => abort.abort();
  }, [loadVersion]);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'hello') setVersion(event.version);
      }),
    [client],
  );

  return version;
}
