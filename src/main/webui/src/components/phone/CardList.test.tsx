import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TorrentDto } from '../../api/types';
import type { ListQuery } from '../../store/selectors';
import { fakeViewport, loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { TorrentList } from '../list/TorrentList';
import { LONG_PRESS_MS } from './useLongPress';
import { fakeMedia, type FakeMedia } from './testMedia';

const byName: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };
const MiB = 1024 * 1024;

function setup(torrents: readonly TorrentDto[]) {
  const rest = mockRest();
  const api = testApi(rest);
  loadSnapshot(api, torrents);
  const onOpen = vi.fn();
  const onAdd = vi.fn();
  renderWithApp(<TorrentList query={byName} onQueryChange={vi.fn()} onOpen={onOpen} onAdd={onAdd} stale={false} />, api);
  const cards = () => within(screen.getByRole('list', { name: 'Torrents' })).queryAllByRole('listitem');
  const card = (name: string) => screen.getByRole('listitem', { name });
  const box = (name: string) => screen.getByRole('checkbox', { name: `Select ${name}` }) as HTMLInputElement;
  return { api, rest, onOpen, onAdd, cards, card, box };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => torrent(i + 1));

describe('phone card list', () => {
  let media: FakeMedia;
  let restore: () => void;
  beforeEach(() => {
    media = fakeMedia(390);
    restore = fakeViewport(800, 390);
  });
  afterEach(() => {
    restore();
    media.restore();
    vi.useRealTimers();
  });

  it('showsNameProgressStateLineAndErrorLineInsteadOfTheTable', () => {
    const { card } = setup([
      torrent(1, { name: 'Ubuntu', downloadRate: 1.2 * MiB, uploadRate: 0, etaSeconds: 180, progress: 0.425 }),
      torrent(2, { name: 'Broken', state: 'error', error: 'disk full', downloadRate: 0, uploadRate: 0 }),
      torrent(3, { name: 'Shared', finished: true, progress: 1, downloadRate: 0, uploadRate: 80 * 1024 }),
    ]);
    expect(screen.queryByRole('grid')).toBeNull();

    const ubuntu = card('Ubuntu');
    expect(within(ubuntu).getByRole('link', { name: 'Ubuntu' })).toBeDefined();
    expect(within(ubuntu).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42.5');
    const state = ubuntu.querySelector('.card__state')!;
    // Words, not colour: the state, the rate (with its name for screen readers) and the time left.
    expect(state.textContent).toBe('Downloading·↓ Download speed 1.2 MiB/s·ETA 3m');
    expect(ubuntu.getAttribute('aria-posinset')).toBe('3'); // Broken, Shared, Ubuntu
    expect(ubuntu.getAttribute('aria-setsize')).toBe('3');
    expect(ubuntu.querySelector('.card__error')).toBeNull();
    expect(ubuntu.querySelector('.card__sizes')?.textContent).toBe('435 MiB of 1 GiB');

    const shared = card('Shared');
    expect(shared.querySelector('.card__state')?.textContent).toBe('Seeding·↑ Upload speed 80 KiB/s');
    expect(shared.querySelector('.card__sizes')?.textContent).toBe('1 GiB');

    const broken = card('Broken');
    expect(broken.querySelector('.card__state')?.textContent).toBe('Error');
    expect(broken.querySelector('.card__error')?.textContent).toBe('Error: disk full');
  });

  it('opensTheDetailsOnATapAndLeavesModifiedClicksToTheBrowser', () => {
    const { card, onOpen } = setup(many(3));
    const link = within(card('Torrent 00002')).getByRole('link');
    expect(link.getAttribute('href')).toBe(`/t/${torrent(2).id}`);
    fireEvent.click(card('Torrent 00002').querySelector('.card__sizes')!);
    expect(onOpen).toHaveBeenCalledWith(torrent(2).id);
    const plain = fireEvent.click(link);
    expect(plain).toBe(false); // default prevented: the router navigates, not a page load
    expect(onOpen).toHaveBeenCalledTimes(2);
    // Whether the list left a Ctrl+click alone, read after it ran; then stopped, as jsdom cannot open tabs.
    let leftAlone = false;
    const spy = (e: Event) => {
      leftAlone = !e.defaultPrevented;
      e.preventDefault();
    };
    document.addEventListener('click', spy);
    fireEvent.click(link, { ctrlKey: true });
    document.removeEventListener('click', spy);
    expect(leftAlone).toBe(true);
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('entersSelectionModeOnALongPressAndTapsThenToggle', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { card, box, onOpen } = setup(many(4));
    const first = card('Torrent 00001');
    fireEvent.pointerDown(first, { pointerType: 'touch', clientX: 50, clientY: 50 });
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS - 1));
    expect(box('Torrent 00001').checked).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(box('Torrent 00001').checked).toBe(true);
    // The click that ends the press neither opens the card nor undoes the selection.
    fireEvent.pointerUp(first, { pointerType: 'touch' });
    fireEvent.click(first);
    expect(onOpen).not.toHaveBeenCalled();
    expect(box('Torrent 00001').checked).toBe(true);
    expect(screen.getByRole('toolbar', { name: 'Actions for 1 torrent' })).toBeDefined();

    // In selection mode a tap toggles instead of opening.
    fireEvent.click(card('Torrent 00003'));
    expect(box('Torrent 00003').checked).toBe(true);
    fireEvent.click(card('Torrent 00001'));
    expect(box('Torrent 00001').checked).toBe(false);
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByText('1 selected')).toBeDefined();
  });

  it('cancelsTheLongPressOnMoveOrEarlyRelease', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { card, box } = setup(many(2));
    const first = card('Torrent 00001');
    fireEvent.pointerDown(first, { pointerType: 'touch', clientX: 50, clientY: 50 });
    fireEvent.pointerMove(first, { pointerType: 'touch', clientX: 50, clientY: 75 }); // a scroll
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS * 2));
    expect(box('Torrent 00001').checked).toBe(false);

    fireEvent.pointerDown(first, { pointerType: 'touch', clientX: 50, clientY: 50 });
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS / 2));
    fireEvent.pointerUp(first, { pointerType: 'touch' });
    act(() => vi.advanceTimersByTime(LONG_PRESS_MS * 2));
    expect(box('Torrent 00001').checked).toBe(false);
    expect(screen.queryByRole('toolbar')).toBeNull();
  });

  it('selectsWithTheCheckboxAndActsOnTheSelectionFromTheBottomBar', async () => {
    const { box, rest } = setup(many(5));
    fireEvent.click(box('Torrent 00002'));
    fireEvent.click(box('Torrent 00004'));
    const bar = screen.getByRole('toolbar', { name: 'Actions for 2 torrents' });
    expect(within(bar).getByText('2 selected')).toBeDefined();

    await act(async () => fireEvent.click(within(bar).getByRole('button', { name: 'Pause' })));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'pause', ids: [torrent(2).id, torrent(4).id] });
    await act(async () => fireEvent.click(within(bar).getByRole('button', { name: 'Recheck' })));
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'recheck', ids: [torrent(2).id, torrent(4).id] });

    // Remove goes through the list's own confirmation dialog.
    fireEvent.click(within(bar).getByRole('button', { name: 'Remove…' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove 2 torrents' });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' })));
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'remove', ids: [torrent(2).id, torrent(4).id], deleteFiles: false });

    fireEvent.click(within(bar).getByRole('button', { name: 'Select all' }));
    expect(within(bar).getByText('5 selected')).toBeDefined();
    expect((within(bar).getByRole('button', { name: 'Select all' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(bar).getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByRole('toolbar')).toBeNull();
  });

  it('showsTheFloatingAddButtonOutsideSelectionMode', () => {
    const { box, onAdd } = setup(many(2));
    fireEvent.click(screen.getByRole('button', { name: 'Add torrents' }));
    expect(onAdd).toHaveBeenCalledTimes(1);
    fireEvent.click(box('Torrent 00001'));
    // The selection's bar takes the bottom edge.
    expect(screen.queryByRole('button', { name: 'Add torrents' })).toBeNull();
  });

  it('rendersHostileNamesAndErrorsAsText', () => {
    const XSS = '<img src=x onerror=alert(1)>';
    const RTL = 'movie\u202Egpj.exe';
    const { card } = setup([torrent(1, { name: XSS, state: 'error', error: '<script>alert(2)</script>' }), torrent(2, { name: RTL })]);
    expect(card(XSS)).toBeDefined();
    expect(screen.getByText('<script>alert(2)</script>')).toBeDefined();
    expect(document.body.querySelector('img')).toBeNull();
    expect(document.body.querySelector('script')).toBeNull();
    expect(screen.getByText(RTL).closest('bdi')?.getAttribute('dir')).toBe('auto');
  });

  it('keepsOnlyAFewDozenCardsOf5000InTheDom', () => {
    const { cards } = setup(many(5000));
    const shown = cards();
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.length).toBeLessThanOrEqual(60);
    expect(shown[0]!.getAttribute('aria-setsize')).toBe('5000');
    expect(screen.getByText('5,000 torrents')).toBeDefined();
  });
});
