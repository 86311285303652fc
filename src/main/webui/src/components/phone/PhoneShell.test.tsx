import axe from 'axe-core';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventsClient } from '../../api';
import { App } from '../../App';
import { createLiveStore } from '../../store/live';
import { fakeWebSocketFactory } from '../../test/FakeWebSocket';
import { fakeViewport, mockRest, session, torrent } from '../../test/fixtures';
import { TABLET_LAYOUT_KEY } from '../list/layout';
import { fakeMedia, type FakeMedia } from './testMedia';

async function violations(): Promise<string[]> {
  // jsdom computes no colours or layout: contrast is checked in the browser e2e run instead.
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

describe('phone and tablet layouts in the shell', () => {
  let media: FakeMedia;
  let restore: () => void;
  beforeEach(() => {
    media = fakeMedia(390);
    restore = fakeViewport(800, 390);
  });
  afterEach(() => {
    restore();
    media.restore();
  });

  async function renderApp() {
    const factory = fakeWebSocketFactory();
    const events = new EventsClient({ url: 'ws://x/api/v1/events', webSocket: factory.webSocket });
    const store = createLiveStore({ schedule: (commit) => commit() });
    render(<App events={events} loadVersion={() => Promise.resolve({ name: 'bitquark', version: '1' })} rest={mockRest()} store={store} onLogout={vi.fn()} />);
    await act(async () => {});
    act(() => {
      factory.latest().hello();
      factory.latest().receive(
        JSON.stringify({ type: 'snapshot', seq: 1, torrents: [torrent(1), torrent(2, { state: 'error', error: 'disk full' })], session: session() }),
      );
    });
  }

  it('switchesBetweenCardsTheTabletTableAndTheDesktopTableByWidth', async () => {
    await renderApp();
    // Phone: cards, no sidebar (its filters are in the sheet), the floating Add button.
    expect(screen.getByRole('list', { name: 'Torrents' })).toBeDefined();
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Filters' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add torrents' })).toBeDefined();

    act(() => media.setWidth(800));
    expect(screen.queryByRole('list', { name: 'Torrents' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Filters' })).toBeDefined();
    expect(headers()).toEqual(['', 'Name', 'Progress', 'State', '↓ Speed', '↑ Speed', 'ETA']);
    expect(JSON.parse(window.localStorage.getItem(TABLET_LAYOUT_KEY)!).widths.name).toBe(140);
    // Names take the width the few columns leave.
    const columns = () => screen.getByRole('grid').style.getPropertyValue('--grid-columns');
    expect(columns()).toBe('36px minmax(140px, 1fr) 96px 100px 76px 76px 58px');
    expect(screen.queryByRole('button', { name: 'Add torrents' })).toBeNull();

    act(() => media.setWidth(1280));
    expect(headers()).toContain('Size');
    expect(headers()).toContain('Added');
    expect(columns()).not.toContain('minmax');
  });

  it('opensTheDetailsPageOnATapAndTheAddDialogFromTheFloatingButton', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('listitem', { name: 'Torrent 00001' }));
    expect(window.location.pathname).toBe(`/t/${torrent(1).id}`);
    expect(await screen.findByRole('region', { name: /Torrent 00001/ })).toBeDefined();

    // Back to the list, as the browser's Back button does.
    act(() => {
      window.history.replaceState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add torrents' }));
    expect(window.location.pathname).toBe('/add');
  });

  it('findsNoAxeViolationsInTheCardsTheSheetAndTheSelectionBar', async () => {
    await renderApp();
    expect(await violations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: /Filter & sort/ }));
    expect(screen.getByRole('dialog', { name: 'Filter and sort' })).toBeDefined();
    expect(await violations()).toEqual([]);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Torrent 00002' }));
    expect(within(screen.getByRole('toolbar')).getByText('1 selected')).toBeDefined();
    expect(await violations()).toEqual([]);
  });
});
