import type { EventsClient } from './api';
import { Header } from './components/Header';
import { useConnectionState } from './hooks/useConnectionState';
import { useServerVersion, type VersionLoader } from './hooks/useServerVersion';

export const PRODUCT_NAME = 'bitquark';

export interface AppProps {
  /** Started when the app mounts and stopped when it unmounts. */
  readonly events: EventsClient;
  /** Must be a stable function (not recreated per render), or the version is loaded again. */
  readonly loadVersion: VersionLoader;
}

export function App({ events, loadVersion }: AppProps) {
  const connection = useConnectionState(events);
  const version = useServerVersion(loadVersion, events);
  return (
    <div className="app">
      <Header name={PRODUCT_NAME} version={version} connection={connection} />
      <main className="main" aria-labelledby="torrents-heading">
        <h1 id="torrents-heading" className="main__heading">
          Torrents
        </h1>
        <p className="main__empty">Nothing here yet.</p>
      </main>
    </div>
  );
}
