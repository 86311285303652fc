import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListQuery } from '../../store/selectors';
import { fakeViewport, loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { setPrefs } from '../../prefs/prefs';
import { applyFormats } from '../../prefs/formats';
import { TorrentList } from './TorrentList';

const byName: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };

function setup(count: number, query: ListQuery = byName, make = (i: number) => torrent(i)) {
  const rest = mockRest();
  const api = testApi(rest);
  loadSnapshot(api, Array.from({ length: count }, (_, i) => make(i + 1)));
  const onOpen = vi.fn();
  const onQueryChange = vi.fn();
  const view = renderWithApp(
    <TorrentList query={query} onQueryChange={onQueryChange} onOpen={onOpen} onAdd={vi.fn()} stale={false} />,
    api,
  );
  const rows = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-row-id'));
  const row = (name: string) => rows().find((r) => r.textContent?.includes(name))!;
  return { ...view, api, rest, onOpen, onQueryChange, rows, row };
}

describe('TorrentList', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = fakeViewport(800);
  });
  afterEach(() => {
    restore();
    vi.useRealTimers();
  });

  it('rendersAFewDozenRowsOf5000AsAnAriaGrid', () => {
    const { rows } = setup(5000);
    const grid = screen.getByRole('grid', { name: 'Torrents' });
    expect(grid.getAttribute('aria-rowcount')).toBe('5001'); // 5,000 rows + the header row
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThanOrEqual(60);
    expect(rows()[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByText('5,000 torrents')).toBeDefined();
  });

  it('showsStateAsIconAndTextAndProgressAsAProgressbar', () => {
    setup(1, byName, (i) => torrent(i, { state: 'checking', checkedFraction: 0.42 }));
    expect(screen.getAllByText('Checking 42 %').length).toBeGreaterThan(0);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('3 (40)')).toBeDefined();
  });

  it('writesSizesAndSpeedsAgainWhenTheUnitsChange', () => {
    const stop = applyFormats();
    try {
      const { row } = setup(1, byName, (i) => torrent(i, { wantedBytes: 1_500_000_000, downloadRate: 2_000_000 }));
      expect(row('Torrent 00001').textContent).toContain('1.4 GiB');
      expect(row('Torrent 00001').textContent).toContain('1.9 MiB/s');
      act(() => setPrefs({ units: 'decimal', rateUnits: 'bits' }));
      expect(row('Torrent 00001').textContent).toContain('1.5 GB');
      expect(row('Torrent 00001').textContent).toContain('16 Mbit/s');
    } finally {
      act(() => setPrefs({ units: 'binary', rateUnits: 'bytes' }));
      stop();
    }
  });

  it('placesRowsByTheDensityPreference', () => {
    try {
      const { rows } = setup(30);
      expect(rows()[1]!.style.transform).toBe('translateY(32px)');
      act(() => setPrefs({ density: 'compact' }));
      expect(rows()[1]!.style.transform).toBe('translateY(26px)');
      expect(screen.getByRole('grid').style.getPropertyValue('--row-height')).toBe('26px');
    } finally {
      act(() => setPrefs({ density: 'comfortable' }));
    }
  });

  it('selectsByClickCtrlClickShiftClickAndCtrlA', () => {
    const { row, rows } = setup(20);
    fireEvent.click(row('Torrent 00002'));
    expect(row('Torrent 00002').getAttribute('aria-selected')).toBe('true');
    fireEvent.click(row('Torrent 00004'), { ctrlKey: true });
    expect(screen.getByText('2 selected')).toBeDefined();
    fireEvent.click(row('Torrent 00007'), { shiftKey: true });
    const selected = rows().filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.textContent?.slice(0, 13));
    expect(selected).toEqual(['Torrent 00004', 'Torrent 00005', 'Torrent 00006', 'Torrent 00007']);
    fireEvent.keyDown(row('Torrent 00007'), { key: 'a', ctrlKey: true });
    expect(screen.getByText('20 selected')).toBeDefined();
    fireEvent.keyDown(row('Torrent 00007'), { key: 'Escape' });
    expect(screen.queryByRole('toolbar')).toBeNull();
  });

  it('selectsWithTheCheckboxesAndTheHeaderBox', () => {
    setup(5);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Torrent 00003' }));
    expect(screen.getByText('1 selected')).toBeDefined();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown torrents' }));
    expect(screen.getByText('5 selected')).toBeDefined();
  });

  it('dropsRemovedTorrentsFromTheSelection', () => {
    const { api, row } = setup(5);
    fireEvent.click(row('Torrent 00001'));
    fireEvent.click(row('Torrent 00002'), { ctrlKey: true });
    act(() => api.store.ingest({ type: 'update', seq: 2, torrents: [], added: [], removed: [torrent(1).id], session: {} }));
    expect(screen.getByText('1 selected')).toBeDefined();
  });

  it('movesFocusAndSelectsWithTheKeyboard', () => {
    const { rows, onOpen } = setup(200);
    const first = rows()[0]!;
    expect(first.tabIndex).toBe(0);
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Torrent 00002');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown', shiftKey: true });
    expect(screen.getByText('2 selected')).toBeDefined();
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    expect(screen.getByText('1 selected')).toBeDefined();
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toContain('Torrent 00200');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('201');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.textContent).toContain('Torrent 00001');
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(document.activeElement?.textContent).not.toContain('Torrent 00001');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });

  it('pausesOrResumesAndRechecksWithPAndR', () => {
    const { row, rest } = setup(3);
    fireEvent.click(row('Torrent 00001'));
    fireEvent.keyDown(row('Torrent 00001'), { key: 'p' });
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'pause', ids: [torrent(1).id] });
    fireEvent.keyDown(row('Torrent 00001'), { key: 'r' });
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'recheck', ids: [torrent(1).id] });
  });

  it('holdsTheOrderForASecondAfterAClick', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const byDown: ListQuery = { ...byName, sort: [{ column: 'down', desc: true }] };
    const { api, rows } = setup(3, byDown, (i) => torrent(i, { downloadRate: i * 100 }));
    const names = () => rows().map((r) => r.textContent?.slice(0, 13));
    expect(names()).toEqual(['Torrent 00003', 'Torrent 00002', 'Torrent 00001']);

    fireEvent.click(rows()[2]!);
    act(() => api.store.ingest({ type: 'update', seq: 2, torrents: [{ id: torrent(1).id, downloadRate: 999 }], added: [], removed: [], session: {} }));
    expect(names()).toEqual(['Torrent 00003', 'Torrent 00002', 'Torrent 00001']);

    act(() => vi.advanceTimersByTime(1000));
    expect(names()).toEqual(['Torrent 00001', 'Torrent 00003', 'Torrent 00002']);
  });

  it('holdsTheOrderWhileThePointerIsDown', () => {
    const byDown: ListQuery = { ...byName, sort: [{ column: 'down', desc: true }] };
    const { api, rows } = setup(2, byDown, (i) => torrent(i, { downloadRate: i * 100 }));
    fireEvent.pointerDown(rows()[0]!);
    act(() => api.store.ingest({ type: 'update', seq: 2, torrents: [{ id: torrent(1).id, downloadRate: 999 }], added: [], removed: [], session: {} }));
    expect(rows()[0]!.textContent).toContain('Torrent 00002');
    act(() => void window.dispatchEvent(new Event('pointerup')));
    expect(rows()[0]!.textContent).toContain('Torrent 00001');
  });

  it('sortsByHeaderClickAndAddsASecondaryKeyWithShift', () => {
    const { onQueryChange } = setup(3);
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Size/ })).getByRole('button'));
    expect(onQueryChange).toHaveBeenLastCalledWith({ ...byName, sort: [{ column: 'size', desc: true }] });
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Name/ })).getByRole('button'));
    expect(onQueryChange).toHaveBeenLastCalledWith({ ...byName, sort: [{ column: 'name', desc: true }] });
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Ratio/ })).getByRole('button'), { shiftKey: true });
    expect(onQueryChange).toHaveBeenLastCalledWith({ ...byName, sort: [...byName.sort, { column: 'ratio', desc: true }] });
  });

  it('offersADropZoneWhenEmptyAndClearFiltersWhenNothingMatches', () => {
    const api = testApi();
    loadSnapshot(api, []);
    const onAdd = vi.fn();
    renderWithApp(<TorrentList query={byName} onQueryChange={vi.fn()} onOpen={vi.fn()} onAdd={onAdd} stale={false} />, api);
    expect(screen.getByText('Drop .torrent files here or paste a magnet link')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenCalled();

    const { onQueryChange } = setup(3, { filter: 'paused', search: 'nothing like this', sort: byName.sort });
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onQueryChange).toHaveBeenCalledWith({ filter: 'all', search: '', sort: byName.sort });
  });
});
