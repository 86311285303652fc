import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApp, type AddInput } from '../../context';
import { useConnection } from '../../hooks/useConnection';
import { useServerSettings } from '../../hooks/useServerSettings';
import { useServerVersion, type VersionLoader } from '../../hooks/useServerVersion';
import { t } from '../../i18n';
import { buildUrl, navigate, useLocation, type Route } from '../../router';
import { selectRows, type ListQuery } from '../../store/selectors';
import { Header } from '../Header';
import { TorrentList, type ListCommandTarget } from '../list/TorrentList';
import { selectionCommands } from '../palette/selectionCommands';
import { LiveRegion, Toaster } from '../toast/Toaster';
import { isSectionId } from '../settings/catalog';
import type { MenuTarget } from './AppMenu';
import { StatusBar } from './StatusBar';
import { useShellCommands } from './useShellCommands';
import { TitleSpeed } from './useTitleSpeed';
import { DropOverlay } from './DropOverlay';
import { Sidebar } from './Sidebar';
import { StaleBanner } from './StaleBanner';
import { useDropAndPaste } from './useDropAndPaste';
import { useEventNotifications } from './useEventNotifications';
import { useGlobalKeys } from './useGlobalKeys';
// After the components' own styles: the phone layout below overrides the sidebar's.
import './shell.css';
import './chrome.css';

// The add dialog and the details pane are separate chunks, loaded when first shown (UI spec 1.9).
const AddDialog = lazy(() => import('../add/AddDialog').then((m) => ({ default: m.AddDialog })));
const DetailsPane = lazy(() => import('../details/DetailsPane').then((m) => ({ default: m.DetailsPane })));
// The other pages, the palette, the shortcut sheet and the first-run wizard: lazy chunks too.
const SettingsPage = lazy(() => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const LogsPage = lazy(() => import('../logs/LogsPage').then((m) => ({ default: m.LogsPage })));
const DhtPage = lazy(() => import('../dht/DhtPage').then((m) => ({ default: m.DhtPage })));
const FirstRunWizard = lazy(() => import('../settings/FirstRunWizard').then((m) => ({ default: m.FirstRunWizard })));
const CommandPalette = lazy(() => import('../palette/CommandPalette').then((m) => ({ default: m.CommandPalette })));
const ShortcutsDialog = lazy(() => import('../palette/ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })));

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
  const listCommands = useRef<ListCommandTarget | null>(null);
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
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const showShortcuts = useCallback(() => setShortcutsOpen(true), []);
  useGlobalKeys(searchRef, () => openAdd(), { onShortcuts: showShortcuts, onPalette: () => setPaletteOpen(true) });
  useEventNotifications();
  const settings = useServerSettings(app.rest);
  const goPage = useCallback((to: Route) => go(to), [go]);
  const openAddEmpty = useCallback(() => openAdd(), [openAdd]);
  const commands = useShellCommands({ go: goPage, openAdd: openAddEmpty, onShortcuts: showShortcuts, onLogout, settings });
  // The selection's commands first: with torrents selected they are what the palette is opened for. Read
  // as it opens; the list behind it cannot change its selection while it is open.
  const paletteCommands = useMemo(
    () => (paletteOpen ? [...selectionCommands(listCommands.current), ...commands] : commands),
    [paletteOpen, commands],
  );
  // The shell's settings load once; a server still restoring its session answers 503, so they are
  // asked for again whenever the socket (re)connects until they arrive.
  const refreshSettings = settings.refresh;
  const haveSettings = settings.dto !== null;
  useEffect(() => {
    if (connection.state === 'connected' && !haveSettings) refreshSettings();
  }, [connection.state, haveSettings, refreshSettings]);
  // Categories and tags may have changed while the socket was down (another browser, a script).
  useEffect(() => {
    if (connection.state === 'connected') void app.labels.refresh();
  }, [connection.state, app.labels]);
  const onMenu = (target: MenuTarget) => {
    if (target === 'settings') go({ page: 'settings', section: null });
    else if (target === 'about') go({ page: 'settings', section: 'about' });
    else if (target === 'logs' || target === 'dht') go({ page: target });
    else if (target === 'shortcuts') setShortcutsOpen(true);
    else if (target === 'palette') setPaletteOpen(true);
    else onLogout();
  };
  const showWizard = () => {
    settings.put({ setupDone: false }).catch((e: unknown) => app.toast(t('settings.notSaved'), 'error', [String(e)]));
  };

  // Past the AuthGate the browser is logged in: /login has nothing to show.
  useEffect(() => {
    if (route.page === 'login') go({ page: 'list' }, query, true);
  }, [route.page, go, query]);
  useEffect(() => {
    if (route.page === 'add') setAddOpened(true);
  }, [route.page]);

  const details = route.page === 'details' ? route : null;
  const stale = connection.state !== 'connected' && connection.hasConnected;
  const otherPage = route.page === 'settings' || route.page === 'logs' || route.page === 'dht';
  const folder = settings.dto?.editable.defaultOutputFolder ?? null;

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
        onMenu={onMenu}
        settings={settings}
      />
      <div className="app__body">
        {!otherPage && (
          <Sidebar query={query} onFilter={(filter) => go(route.page === 'details' ? route : { page: 'list' }, { ...query, filter })}
            onQuery={(q) => go(route.page === 'details' ? route : { page: 'list' }, q)} />
        )}
        {otherPage && (
          <main id="main" className="main main--page" tabIndex={-1}>
            <Suspense fallback={<p className="empty__title">{t('empty.loading')}</p>}>
              {route.page === 'settings' && (
                <SettingsPage section={isSectionId(route.section) ? route.section : null} version={version}
                  onSection={(section) => go({ page: 'settings', section })} onShowWizard={showWizard}
                  onSaved={settings.take} />
              )}
              {route.page === 'logs' && <LogsPage />}
              {route.page === 'dht' && <DhtPage />}
            </Suspense>
          </main>
        )}
        {!otherPage && (
        <main id="main" className={`main${details ? ' main--split' : ''}`} tabIndex={-1}>
          {stale && <StaleBanner ageMs={connection.ageMs} />}
          <div className="main__list">
            <TorrentList
              query={query}
              onQueryChange={(q, options) => go(route.page === 'add' ? { page: 'list' } : route, q, options?.replace)}
              onOpen={(id) => go({ page: 'details', id, tab: null })}
              onAdd={() => openAdd()}
              stale={stale}
              commandsRef={listCommands}
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
                  onStep={(delta) => {
                    // The list as shown: the same filter, search and sort, asked once per key press.
                    const s = app.store.getState();
                    const rows = selectRows(s.torrents, s.order, query);
                    const at = rows.indexOf(details.id);
                    const next = at < 0 ? rows[0] : rows[at + delta];
                    if (next !== undefined) go({ page: 'details', id: next, tab: details.tab }, query, true);
                  }}
                />
              </Suspense>
            </section>
          )}
        </main>
        )}
      </div>
      <StatusBar rest={app.rest} folder={folder} />
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
      {settings.dto !== null && !settings.dto.editable.setupDone && (
        <Suspense fallback={null}>
          <FirstRunWizard dto={settings.dto} onDone={settings.take} />
        </Suspense>
      )}
      {paletteOpen && (
        <Suspense fallback={null}>
          <CommandPalette open onClose={() => setPaletteOpen(false)} commands={paletteCommands} />
        </Suspense>
      )}
      {shortcutsOpen && (
        <Suspense fallback={null}>
          <ShortcutsDialog open onClose={() => setShortcutsOpen(false)} />
        </Suspense>
      )}
      <TitleSpeed productName={productName} />
      <Toaster />
      <LiveRegion />
      {dragging && <DropOverlay />}
    </div>
  );
}
