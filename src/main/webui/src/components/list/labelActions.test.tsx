import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Rest } from '../../api/rest';
import { fakeViewport, loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { Toaster } from '../toast/Toaster';
import { TorrentList } from './TorrentList';

const CATEGORIES = [
  { name: 'movies', folder: 'films', path: '/data/films' },
  { name: 'tv', folder: '', path: '/data/tv' },
];

/** A Rest whose GETs of categories and tags answer these lists; other requests resolve empty. */
function restWithLabels(overrides: Partial<Rest> = {}) {
  const request = vi.fn((method: string, path: string) => {
    if (method === 'GET' && path === '/api/v1/categories') return Promise.resolve(CATEGORIES);
    if (method === 'GET' && path === '/api/v1/tags') return Promise.resolve(['4k', 'keep']);
    return Promise.resolve(undefined);
  });
  return mockRest({ request: request as never, ...overrides });
}

async function setup(rest: Rest = restWithLabels()) {
  const api = testApi(rest);
  loadSnapshot(api, [
    torrent(1, { category: 'tv', tags: ['4k'] }),
    torrent(2, { category: 'tv', tags: [] }),
    torrent(3, { forced: true, firstLastPiecePriority: true }),
  ]);
  renderWithApp(
    <>
      <TorrentList query={{ filter: 'all', search: '', sort: [{ column: 'name', desc: false }] }} onQueryChange={vi.fn()}
        onOpen={vi.fn()} onAdd={vi.fn()} stale={false} />
      <Toaster />
    </>,
    api,
  );
  await act(() => api.labels.refresh());
  const row = (n: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`Torrent 0000${n}`))!;
  return { api, rest, row };
}

/** Right-clicks row `n` (after Ctrl-clicking `also`), opens the submenu named `sub` and answers it. */
async function submenu(row: (n: number) => HTMLElement, n: number, sub: string, also: number[] = []) {
  fireEvent.click(row(n));
  for (const other of also) fireEvent.click(row(other), { ctrlKey: true });
  fireEvent.contextMenu(row(n));
  const menu = await screen.findByRole('menu', { name: /^Actions for/ });
  const trigger = within(menu).getByRole('menuitem', { name: sub });
  fireEvent.keyDown(trigger, { key: 'ArrowRight' });
  return screen.findByRole('menu', { name: sub });
}

describe('context menu: category, tags, queue, force start', () => {
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  it('setsAnExistingCategoryOnTheSelectionInOneBulkRequest', async () => {
    const { rest, row } = await setup();
    const sub = await submenu(row, 1, 'Category', [2]);
    // Both are under tv: it is ticked; the session's categories are offered, and None.
    expect(within(sub).getByRole('menuitemradio', { name: 'tv' }).getAttribute('aria-checked')).toBe('true');
    expect(within(sub).getByRole('menuitemradio', { name: 'None' }).getAttribute('aria-checked')).toBe('false');
    await act(async () => fireEvent.click(within(sub).getByRole('menuitemradio', { name: 'movies' })));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'setCategory', ids: [torrent(1).id, torrent(2).id], category: 'movies' });
    expect(screen.getByTestId('toast').textContent).toContain('Set the category of 2 torrents');
  });

  it('takesTheCategoryOffWithNone', async () => {
    const { rest, row } = await setup();
    const sub = await submenu(row, 1, 'Category');
    await act(async () => fireEvent.click(within(sub).getByRole('menuitemradio', { name: 'None' })));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'setCategory', ids: [torrent(1).id], category: null });
  });

  it('createsANewCategoryFirstThenFilesTheTorrentsUnderIt', async () => {
    const rest = restWithLabels();
    const { row } = await setup(rest);
    const sub = await submenu(row, 2, 'Category');
    fireEvent.click(within(sub).getByRole('menuitem', { name: 'New category…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set category' });
    fireEvent.change(within(dialog).getByLabelText('Name of the new category'), { target: { value: ' music ' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Set' })));
    await waitFor(() => expect(rest.bulk).toHaveBeenCalledWith({ action: 'setCategory', ids: [torrent(2).id], category: 'music' }));
    const posts = vi.mocked(rest.request).mock.calls.filter(([method]) => method === 'POST');
    expect(posts).toEqual([['POST', '/api/v1/categories', { name: 'music', folder: '' }]]);
  });

  it('addsATagAllLackAndRemovesOneAllHave', async () => {
    const { rest, row } = await setup();
    let sub = await submenu(row, 1, 'Tags', [2]);
    // Torrent 1 has 4k, torrent 2 not: some of them.
    const some = within(sub).getByRole('menuitemcheckbox', { name: '4k' });
    expect(some.getAttribute('aria-checked')).toBe('mixed');
    await act(async () => fireEvent.click(some));
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'addTags', ids: [torrent(1).id, torrent(2).id], tags: ['4k'] });

    sub = await submenu(row, 1, 'Tags');
    const all = within(sub).getByRole('menuitemcheckbox', { name: '4k' });
    expect(all.getAttribute('aria-checked')).toBe('true');
    await act(async () => fireEvent.click(all));
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'removeTags', ids: [torrent(1).id], tags: ['4k'] });
  });

  it('changesTagsThroughTheTagsDialogWithNewOnes', async () => {
    const { rest, row } = await setup();
    fireEvent.click(row(1));
    // The toolbar's "More" menu, opened from the keyboard.
    fireEvent.keyDown(screen.getByRole('button', { name: 'More' }), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Tags…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tags' });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '4k' })); // had it: off
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'keep' })); // lacked it: on
    fireEvent.change(within(dialog).getByLabelText('New tags'), { target: { value: 'new, keep' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' })));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Changed the tags of 1 torrent'));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'addTags', ids: [torrent(1).id], tags: ['keep', 'new'] });
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'removeTags', ids: [torrent(1).id], tags: ['4k'] });
  });

  it('movesInTheQueue', async () => {
    const { rest, row } = await setup();
    const sub = await submenu(row, 2, 'Queue', [3]);
    await act(async () => fireEvent.click(within(sub).getByRole('menuitem', { name: 'Top' })));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'queueTop', ids: [torrent(2).id, torrent(3).id] });
    expect(screen.getByTestId('toast').textContent).toContain('Moved 2 torrents to the top of the queue');
  });

  it('forceStartsUnlessAllAreForcedAlready', async () => {
    const { rest, row } = await setup();
    fireEvent.click(row(1));
    fireEvent.click(row(3), { ctrlKey: true });
    fireEvent.contextMenu(row(3));
    let item = await screen.findByRole('menuitemcheckbox', { name: 'Force start' });
    expect(item.getAttribute('aria-checked')).toBe('mixed');
    await act(async () => fireEvent.click(item));
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'forceStart', ids: [torrent(1).id, torrent(3).id], value: true });

    fireEvent.click(row(3));
    fireEvent.contextMenu(row(3));
    item = await screen.findByRole('menuitemcheckbox', { name: 'Force start' });
    expect(item.getAttribute('aria-checked')).toBe('true');
    await act(async () => fireEvent.click(item));
    expect(rest.bulk).toHaveBeenLastCalledWith({ action: 'forceStart', ids: [torrent(3).id], value: false });
  });

  it('turnsFirstAndLastPiecesFirstOnWithAPatchPerTorrentUnlessAllHaveIt', async () => {
    const change = vi.fn((id: string) => Promise.resolve(torrent(1, { id })));
    const { row } = await setup(restWithLabels({ change: change as never }));
    fireEvent.click(row(1));
    fireEvent.click(row(3), { ctrlKey: true });
    fireEvent.contextMenu(row(3));
    let item = await screen.findByRole('menuitemcheckbox', { name: 'Download first and last pieces first' });
    expect(item.getAttribute('aria-checked')).toBe('mixed'); // torrent 3 has it, torrent 1 not
    await act(async () => fireEvent.click(item));
    expect(change.mock.calls).toEqual([
      [torrent(1).id, { firstLastPiecePriority: true }],
      [torrent(3).id, { firstLastPiecePriority: true }],
    ]);
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Changed first and last piece priority of 2 torrents'));

    change.mockClear();
    fireEvent.click(row(3));
    fireEvent.contextMenu(row(3));
    item = await screen.findByRole('menuitemcheckbox', { name: 'Download first and last pieces first' });
    expect(item.getAttribute('aria-checked')).toBe('true');
    await act(async () => fireEvent.click(item));
    expect(change.mock.calls).toEqual([[torrent(3).id, { firstLastPiecePriority: false }]]);
  });

  it('turnsFirstAndLastPiecesFirstOnFromTheMoreMenu', async () => {
    const change = vi.fn((id: string) => Promise.resolve(torrent(1, { id })));
    const { row } = await setup(restWithLabels({ change: change as never }));
    fireEvent.click(row(1));
    fireEvent.click(row(2), { ctrlKey: true });
    fireEvent.keyDown(screen.getByRole('button', { name: 'More' }), { key: 'Enter' });
    const item = await screen.findByRole('menuitem', { name: 'Download first and last pieces first' });
    await act(async () => fireEvent.click(item));
    expect(change.mock.calls).toEqual([
      [torrent(1).id, { firstLastPiecePriority: true }],
      [torrent(2).id, { firstLastPiecePriority: true }],
    ]);
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Changed first and last piece priority of 2 torrents'));
  });

  it('setsSeedingGoalsWithAPatchPerTorrent', async () => {
    const change = vi.fn((id: string) => Promise.resolve(torrent(1, { id })));
    const { row } = await setup(restWithLabels({ change: change as never }));
    fireEvent.click(row(1));
    fireEvent.click(row(2), { ctrlKey: true });
    fireEvent.contextMenu(row(2));
    fireEvent.click(await screen.findByRole('menuitem', { name: /Seeding goals/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Seeding goals of 2 torrents' });
    fireEvent.change(within(dialog).getByLabelText('Ratio'), { target: { value: 'limit' } });
    const ratio = within(dialog).getByLabelText('Ratio: limit');
    fireEvent.change(ratio, { target: { value: '-3' } });
    expect((within(dialog).getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(ratio, { target: { value: '1.5' } });
    fireEvent.change(within(dialog).getByLabelText('Seeding time (minutes)'), { target: { value: 'none' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' })));
    const goals = { ratio: 1.5, seedingMinutes: -1, idleMinutes: -2 };
    expect(change).toHaveBeenCalledWith(torrent(1).id, { seedGoals: goals });
    expect(change).toHaveBeenCalledWith(torrent(2).id, { seedGoals: goals });
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Set the seeding goals of 2 torrents'));
  });
});
