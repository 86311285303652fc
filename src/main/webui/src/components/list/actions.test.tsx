import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../api/rest';
import { Toaster } from '../toast/Toaster';
import { fakeViewport, loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { TorrentList } from './TorrentList';

const query = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] } as const;

function setup(rest = mockRest(), count = 3) {
  const api = testApi(rest);
  loadSnapshot(api, Array.from({ length: count }, (_, i) => torrent(i + 1)));
  renderWithApp(
    <>
      <TorrentList query={{ ...query, sort: [...query.sort] }} onQueryChange={vi.fn()} onOpen={vi.fn()} onAdd={vi.fn()} stale={false} />
      <Toaster />
    </>,
    api,
  );
  const row = (n: number) => screen.getAllByRole('row', { hidden: true }).find((r) => r.textContent?.includes(`Torrent 0000${n}`))!;
  return { api, rest, row };
}

describe('list actions', () => {
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  it('removesWithTheDeleteKeyAfterConfirmingAndReportsOneToast', async () => {
    const { rest, row } = setup();
    fireEvent.click(row(1));
    fireEvent.click(row(2), { ctrlKey: true });
    fireEvent.keyDown(row(2), { key: 'Delete' });
    const box = screen.getByRole('checkbox', { name: 'Also delete the downloaded files' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove' })));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'remove', ids: [torrent(1).id, torrent(2).id], deleteFiles: false });
    expect(screen.getByTestId('toast').textContent).toContain('Removed 2 torrents');
  });

  it('opensTheRemoveDialogTickedWithShiftDelete', () => {
    const { row } = setup();
    fireEvent.click(row(1));
    fireEvent.keyDown(row(1), { key: 'Delete', shiftKey: true });
    expect((screen.getByRole('checkbox', { name: 'Also delete the downloaded files' }) as HTMLInputElement).checked).toBe(true);
  });

  it('listsPerTorrentFailuresInOneToast', async () => {
    const rest = mockRest({
      bulk: vi.fn(() =>
        Promise.resolve({
          results: [
            { id: torrent(1).id, ok: true },
            { id: torrent(2).id, ok: false, error: 'bad_state', message: 'already paused' },
          ],
        }),
      ),
    });
    const { row } = setup(rest);
    fireEvent.click(row(1));
    fireEvent.click(row(2), { ctrlKey: true });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pause' })));
    const toasts = screen.getAllByTestId('toast');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.textContent).toContain('Could not pause 1 of 2');
    expect(toasts[0]!.textContent).toContain('Torrent 00002: already paused');
  });

  it('reportsARefusedRequestAsAnErrorToast', async () => {
    const rest = mockRest({ move: vi.fn(() => Promise.reject(new ApiRequestError(400, 'bad_folder', 'Folder outside the download folder'))) });
    const { row } = setup(rest);
    fireEvent.click(row(3));
    fireEvent.click(screen.getByRole('button', { name: 'Move…' }));
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: '../etc' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Move' })));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Folder outside the download folder'));
    expect(rest.move).toHaveBeenCalledWith(torrent(3).id, '../etc');
  });

  it('setsLimitsThroughItsDialog', async () => {
    const { rest, row } = setup();
    fireEvent.click(row(1));
    fireEvent.click(screen.getByRole('button', { name: 'Set limits…' }));
    fireEvent.change(screen.getByLabelText('Download limit (KiB/s)'), { target: { value: '512' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply' })));
    expect(rest.setLimits).toHaveBeenCalledWith(torrent(1).id, { downloadLimit: 512 * 1024, uploadLimit: 0 });
  });

  it('opensTheContextMenuOnTheRowAndActsOnIt', async () => {
    const { rest, row } = setup();
    fireEvent.contextMenu(row(2));
    const menu = await screen.findByRole('menu');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    await act(async () => fireEvent.click(screen.getByRole('menuitem', { name: /Recheck/ })));
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'recheck', ids: [torrent(2).id] });
    expect(menu.isConnected).toBe(false);
  });
});
