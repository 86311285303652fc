import { useEffect, useState } from 'react';
import type { EventsClient } from './api';
import { createRest, type Rest } from './api/rest';
import { Shell } from './components/shell/Shell';
import { AppContext, createAppApi } from './context';
import type { VersionLoader } from './hooks/useServerVersion';
import { createLiveStore, type LiveStore } from './store/live';

export const PRODUCT_NAME = 'bitquark';

export interface AppProps {
  /** Started when the app mounts and stopped when it unmounts. */
  readonly events: EventsClient;
  /** Must be a stable function (not recreated per render), or the version is loaded again. */
  readonly loadVersion: VersionLoader;
  /** REST helpers; default: same-origin `fetch`. */
  readonly rest?: Rest;
  /** Live store; default: a new one fed by `events`. */
  readonly store?: LiveStore;
  /** Log out and show the login form; default: end the session and reload at /login. */
  readonly onLogout?: () => void;
}

/** Builds the app's API once (store, REST, notifications), feeds the store from the socket, and renders the shell. */
export function App({ events, loadVersion, rest, store, onLogout }: AppProps) {
  const [api] = useState(() =>
    createAppApi({ events, rest: rest ?? createRest(), store: store ?? createLiveStore() }),
  );
  useEffect(() => api.store.attach(api.events), [api]);
  useEffect(() => () => api.announcer.dispose(), [api]);
  // A hidden tab asks the server for the session only (5,000 torrents' deltas would be thrown away).
  useEffect(() => {
    const follow = () => api.events.setHidden(document.visibilityState === 'hidden');
    follow();
    document.addEventListener('visibilitychange', follow);
    return () => document.removeEventListener('visibilitychange', follow);
  }, [api]);

  const logout =
    onLogout ??
    (() => {
      void api.rest.logout().finally(() => window.location.assign('/login'));
    });

  return (
    <AppContext.Provider value={api}>
      <Shell productName={PRODUCT_NAME} loadVersion={loadVersion} onLogout={logout} />
    </AppContext.Provider>
  );
}
