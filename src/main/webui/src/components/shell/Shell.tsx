import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useApp, type AddInput } from '../../context';
import { useConnection } from '../../hooks/useConnection';
import { useServerVersion, type VersionLoader } from '../../hooks/useServerVersion';
import { t } from '../../i18n';
import { buildUrl, navigate, useLocation, type Route } from '../../router';
import type { ListQuery } from '../../store/selectors';
import { Header } from '../Header';
import { TorrentList } from '../list/TorrentList';
import { LiveRegion, Toaster } from '../toast/Toaster';
import { DropOverlay } from './DropOverlay';
import { Sidebar } from './Sidebar';
import { StaleBanner } from './StaleBanner';
import { useDropAndPaste } from './useDropAndPaste';
import { useEventNotifications } from './useEventNotifications';
import { useGlobalKeys } from './useGlobalKeys';
// After the components' own styles: the phone layout below overrides the sidebar's.
import './shell.css';

// The add dialog and the details pane are separate chunks, loaded when first shown (UI spec 1.9).
const AddDialog = lazy(() => import('../add/AddDialog').then((m) => ({ default: m.AddDialog })));
const DetailsPane = lazy(() => import('../details/DetailsPane').then((m) => ({ default: m.DetailsPane })));

export interface ShellProps {
  readonly productName: string;
  readonly loadVersion: VersionLoader;
  readonly onLogout: () => void;
}

/** Page layout and routing: header, sidebar, list, details, add dialog, toasts, drop and paste. */
export function Shell({ productName, loadVersion, onLogout }: ShellProps) {
  const app = useApp();
  const { route, query } = useLocation();
  const connection = useConnection(app.events);
  const version = useServerVersion(loadVersion, app.events);
  const searchRef = useRef<HTMLInputElement>(null);
  const [addInput, setAddInput] = useState<AddInput>({});
  const [addOpened, setAddOpened] = useState(route.page === 'add');

  const go = useCallback((to: Route, q: ListQuery = query, replace = false) => navigate(buildUrl(to, q), { replace }), [query]);
  const openAdd = useCallback(
    (input: AddInput = {}) => {
      setAddInput(input);
      setAddOpened(true);
      go({ page: 'add', uri: null });
    },
    [go],
  );
  const dragging = useDropAndPaste(openAdd, () => app.toast(t('drop.rejected'), 'error'));
  useGlobalKeys(searchRef, () => openAdd());
  useEventNotifications();

  // Past the AuthGate the browser is logged in: /login has nothing to show.
  useEffect(() => {
    if (route.page === 'login') go({ page: 'list' }, query, true);
  }, [route.page, go, query]);
  useEffect(() => {
    if (route.page === 'add') setAddOpened(true);
  }, [route.page]);

  const details = route.page === 'details' ? route : null;
  const stale = connection.state !== 'connected' && connection.hasConnected;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <Header
        name={productName}
        version={version}
        connection={connection}
        search={query.search}
        onSearch={(search) => go(route, { ...query, search }, true)}
        searchRef={searchRef}
        onAdd={() => openAdd()}
        onLogout={onLogout}
      />
      <div className="app__body">
        <Sidebar query={query} onFilter={(filter) => go(route.page === 'details' ? route : { page: 'list' }, { ...query, filter })} />
        <main id="main" className={`main${details ? ' main--split' : ''}`} tabIndex={-1}>
          {stale && <StaleBanner ageMs={connection.ageMs} />}
          <div className="main__list">
            <TorrentList
              query={query}
              onQueryChange={(q, options) => go(route.page === 'add' ? { page: 'list' } : route, q, options?.replace)}
              onOpen={(id) => go({ page: 'details', id, tab: null })}
              onAdd={() => openAdd()}
              stale={stale}
            />
          </div>
          {details && (
            <section className="main__details" aria-label={t('details.label')}>
              <Suspense fallback={<p className="empty__title">{t('empty.loading')}</p>}>
                <DetailsPane
                  torrentId={details.id}
                  tab={details.tab}
                  onTabChange={(tab) => go({ page: 'details', id: details.id, tab }, query, true)}
                  onClose={() => go({ page: 'list' })}
                />
              </Suspense>
            </section>
          )}
        </main>
      </div>
      {addOpened && (
        <Suspense fallback={null}>
          <AddDialog
            open={route.page === 'add'}
            initialInput={route.page === 'add' && route.uri && !addInput.files && !addInput.text ? { text: route.uri } : addInput}
            onClose={() => {
              setAddInput({});
              go({ page: 'list' }, query, true);
            }}
          />
        </Suspense>
      )}
      <Toaster />
      <LiveRegion />
      {dragging && <DropOverlay />}
    </div>
  );
}
