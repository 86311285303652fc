import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventsClient, type VersionInfo } from './api';
import { App } from './App';
import { createLiveStore } from './store/live';
import { fakeWebSocketFactory } from './test/FakeWebSocket';
import { fakeViewport, mockRest, session, torrent } from './test/fixtures';

const version = () => Promise.resolve<VersionInfo>({ name: 'bitquark', version: '0.1.0' });

describe('App', () => {
  let factory: ReturnType<typeof fakeWebSocketFactory>;
  let events: EventsClient;
  let restore: () => void;

  beforeEach(() => {
    factory = fakeWebSocketFactory();
    events = new EventsClient({ url: 'ws://localhost/api/v1/events', webSocket: factory.webSocket, random: () => 0 });
    restore = fakeViewport();
  });

  afterEach(() => {
    restore();
    vi.useRealTimers();
  });

  async function renderApp(loadVersion = version, rest = mockRest()) {
    const store = createLiveStore({ schedule: (commit) => commit() });
    const view = render(<App events={events} loadVersion={loadVersion} rest={rest} store={store} onLogout={vi.fn()} />);
    await act(async () => {});
    return { ...view, store };
  }

  function serve(torrents = [torrent(1), torrent(2, { state: 'paused' }), torrent(3, { state: 'live', finished: true })]) {
    act(() => {
      factory.latest().hello('0.1.0');
      factory.latest().receive(JSON.stringify({ type: 'snapshot', seq: 1, torrents, session: session({ downloadRate: 3 * 1024 * 1024 }) }));
    });
  }

  it('showsTheFetchedVersionAndFollowsTheConnection', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await renderApp();
    expect(screen.getByTestId('version').textContent).toBe('v0.1.0');
    expect(screen.getByTestId('connection-status').textContent).toBe('Connecting…');

    act(() => factory.latest().hello('0.1.0'));
    expect(screen.getByTestId('connection-status').textContent).toBe('Live');

    act(() => factory.latest().serverClose());
    expect(screen.getByTestId('connection-status').textContent).toBe('Reconnecting…');
    act(() => vi.advanceTimersByTime(1000));
    expect(factory.sockets).toHaveLength(2);
  });

  it('takesTheVersionFromHelloWhenTheVersionRequestFails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await renderApp(() => Promise.reject(new Error('offline')));
    expect(screen.getByTestId('version').textContent).toBe('…');
    act(() => factory.latest().hello('0.2.0'));
    expect(screen.getByTestId('version').textContent).toBe('v0.2.0');
  });

  it('closesTheEventSocketOnUnmount', async () => {
    const { unmount } = await renderApp();
    const socket = factory.latest();
    unmount();
    expect(socket.closedByClient).not.toBeNull();
    expect(events.state).toBe('disconnected');
  });

  it('fillsTheListAndCountsFromTheSocketAndFiltersThroughTheUrl', async () => {
    await renderApp();
    serve();
    expect(screen.getByText('3 torrents')).toBeDefined();
    expect(screen.getByRole('group', { name: 'Total speed' }).textContent).toContain('3 MiB/s');
    const nav = screen.getByRole('navigation', { name: 'Filters' });
    const paused = [...nav.querySelectorAll('a')].find((a) => a.textContent?.startsWith('Paused'))!;
    expect(paused.textContent).toBe('Paused1');

    fireEvent.click(paused);
    expect(window.location.search).toBe('?state=paused');
    expect(screen.getByText('1 of 3')).toBeDefined();
    expect(paused.getAttribute('aria-current')).toBe('true');

    act(() => window.history.back());
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(window.location.search).toBe('');
    expect(screen.getByText('3 torrents')).toBeDefined();
  });

  /** Serves the three torrents and opens the second one's details by double-clicking its row. */
  async function openSecondTorrent() {
    await renderApp();
    serve();
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('Torrent 00002'))!;
    fireEvent.doubleClick(row);
    expect(window.location.pathname).toBe(`/t/${torrent(2).id}`);
  }

  it('opensDetailsOnDoubleClickAndResyncsOnAGap', async () => {
    await openSecondTorrent();

    act(() => factory.latest().receive(JSON.stringify({ type: 'update', seq: 5, torrents: [], added: [], removed: [], session: {} })));
    expect(factory.latest().sent).toContainEqual({ type: 'resync' });
  });

  it('stepsToThePreviousAndNextTorrentOfTheListWithBrackets', async () => {
    await openSecondTorrent();
    await screen.findByRole('tab', { name: /Overview/ }); // the pane is loaded on demand
    // The list is sorted by name: 00001, 00002, 00003.
    await act(async () => fireEvent.keyDown(document.body, { key: ']' }));
    expect(window.location.pathname).toBe(`/t/${torrent(3).id}`);
    await act(async () => fireEvent.keyDown(document.body, { key: ']' })); // the last stays
    expect(window.location.pathname).toBe(`/t/${torrent(3).id}`);
    await act(async () => fireEvent.keyDown(document.body, { key: '[' }));
    await act(async () => fireEvent.keyDown(document.body, { key: '[' }));
    expect(window.location.pathname).toBe(`/t/${torrent(1).id}`);
  });

  it('opensTheAddRouteOnAPastedMagnetButNotInsideTheSearchField', async () => {
    await renderApp();
    serve();
    const paste = (target: EventTarget, text: string) => {
      const event = new Event('paste', { bubbles: true, cancelable: true });
      Object.assign(event, { clipboardData: { files: [], getData: () => text } });
      act(() => void target.dispatchEvent(event));
    };
    paste(screen.getByRole('searchbox'), 'magnet:?xt=urn:btih:abc');
    expect(window.location.pathname).toBe('/');
    paste(document.body, 'hello world');
    expect(window.location.pathname).toBe('/');
    paste(document.body, 'magnet:?xt=urn:btih:abc\n0123456789abcdef0123456789abcdef01234567');
    expect(window.location.pathname).toBe('/add');
  });

  it('showsTheDropOverlayWhileFilesAreDraggedIn', async () => {
    await renderApp();
    const drag = (type: string) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      const file = new File(['d8:announce'], 'ubuntu.torrent', { type: 'application/x-bittorrent' });
      Object.assign(event, { dataTransfer: { types: ['Files'], files: [file], getData: () => '', dropEffect: 'none' } });
      act(() => void window.dispatchEvent(event));
    };
    drag('dragenter');
    expect(screen.getByTestId('drop-overlay').textContent).toBe('Drop to add');
    drag('drop');
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(window.location.pathname).toBe('/add');
  });

  it('focusesTheSearchWithSlashAndOpensAddWithCtrlO', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
    fireEvent.keyDown(document.body, { key: 'o', ctrlKey: true });
    expect(window.location.pathname).toBe('/add');
  });

  it('offersTheSelectionsCommandsInThePalette', async () => {
    const rest = mockRest();
    await renderApp(version, rest);
    serve();
    // Nothing selected: the palette has no torrent commands.
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByRole('combobox', { name: 'Search commands' });
    fireEvent.change(palette, { target: { value: 'force start' } });
    expect(screen.queryByRole('option', { name: /Force start/ })).toBeNull();
    fireEvent.keyDown(palette, { key: 'Escape' });

    const row = (n: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`Torrent 0000${n}`))!;
    fireEvent.click(row(1));
    fireEvent.click(row(3), { ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Search commands' });
    expect(screen.getByRole('group', { name: '2 selected torrents' })).toBeDefined();
    fireEvent.change(input, { target: { value: 'top of queue' } });
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'queueTop', ids: [torrent(1).id, torrent(3).id] });

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const again = await screen.findByRole('combobox', { name: 'Search commands' });
    fireEvent.change(again, { target: { value: 'first and last pieces' } });
    await act(async () => fireEvent.keyDown(again, { key: 'Enter' }));
    expect(rest.change).toHaveBeenCalledWith(torrent(1).id, { firstLastPiecePriority: true });
    expect(rest.change).toHaveBeenCalledWith(torrent(3).id, { firstLastPiecePriority: true });
  });

  it('renamesTheSelectedTorrentFromThePalette', async () => {
    await renderApp();
    serve();
    const row = (n: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`Torrent 0000${n}`))!;
    fireEvent.click(row(1));
    fireEvent.click(row(2), { ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    let input = await screen.findByRole('combobox', { name: 'Search commands' });
    fireEvent.change(input, { target: { value: 'rename' } });
    // Two selected: there, but off.
    expect(screen.getByRole('option', { name: /Rename…/ }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });

    fireEvent.click(row(2));
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    input = await screen.findByRole('combobox', { name: 'Search commands' });
    fireEvent.change(input, { target: { value: 'rename' } });
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename torrent' });
    expect((dialog.querySelector('input') as HTMLInputElement).value).toBe('Torrent 00002');
  });

  it('toastsACompletionOnceAndAnnouncesIt', async () => {
    await renderApp();
    serve();
    const completed = { id: 7, kind: 'torrent.completed', torrent: torrent(1).id, name: 'Torrent 00001', at: '2026-01-01T00:00:00Z', message: null };
    act(() => factory.latest().receive(JSON.stringify({ type: 'event', event: completed })));
    act(() => factory.latest().receive(JSON.stringify({ type: 'event', event: completed })));
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    expect(screen.getByTestId('toast').textContent).toContain('Completed: Torrent 00001');
    expect(screen.getByTestId('announcer').textContent).toContain('Completed: Torrent 00001');
  });
});
