import axe from 'axe-core';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../../api/rest';
import type { TorrentDto } from '../../../api/types';
import { mockRest, renderWithApp, testApi, torrent } from '../../../test/fixtures';
import { Toaster } from '../../toast/Toaster';
import { TorrentRenameDialog } from './TorrentRenameDialog';

const file = (index: number, path: string) => ({
  index, path, size: 1000, verifiedBytes: 0, progress: 0, priority: 'NORMAL', padding: false,
});
const SHOW = torrent(1, { name: 'Show', contentName: 'Show', saveDir: '/data' });
const RENAME_URL = `/api/v1/torrents/${SHOW.id}/rename`;

interface Answers {
  /** What GET files answers. */
  files?: () => Promise<unknown>;
  /** What POST rename answers. */
  rename?: () => Promise<unknown>;
  /** What the PATCH answers. */
  change?: (body: { name?: string | null }) => Promise<TorrentDto>;
}

function setup(start: TorrentDto = SHOW, answers: Answers = {}) {
  const request = vi.fn((method: string, path: string) => {
    if (method === 'GET' && path === `/api/v1/torrents/${start.id}/files`) {
      return answers.files?.() ?? Promise.resolve([file(0, 'a.mkv'), file(1, 'b.txt')]);
    }
    if (method === 'POST' && path === RENAME_URL) return answers.rename?.() ?? Promise.resolve([]);
    return Promise.reject(new Error(`unexpected ${method} ${path}`));
  });
  const change = vi.fn((_id: string, body: { name?: string | null }) =>
    answers.change?.(body) ?? Promise.resolve({ ...start, name: body.name ?? 'Own', customName: body.name != null }));
  const rest = mockRest({ request: request as never, change: change as never });
  const onClose = vi.fn();
  renderWithApp(
    <>
      <TorrentRenameDialog torrent={start} onClose={onClose} />
      <Toaster />
    </>,
    testApi(rest),
  );
  const dialog = screen.getByRole('dialog', { name: 'Rename torrent' });
  const name = within(dialog).getByLabelText('Name') as HTMLInputElement;
  const save = within(dialog).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
  const posts = () => request.mock.calls.filter(([method]) => method === 'POST');
  return { dialog, name, save, request, posts, change, onClose, user: userEvent.setup() };
}

describe('TorrentRenameDialog', () => {
  it('startsFromTheNamesWithTheNameSelectedAndNothingToSave', async () => {
    const { dialog, name, save } = setup();
    expect(document.activeElement).toBe(name);
    expect([name.value, name.selectionStart, name.selectionEnd]).toEqual(['Show', 0, 4]);
    expect(save.disabled).toBe(true);
    // Its files tell it is a folder.
    const folder = (await within(dialog).findByLabelText('Folder on disk')) as HTMLInputElement;
    expect(folder.value).toBe('Show');
    expect(within(dialog).getByText(/^In \/data\./)).toBeTruthy();
    expect(within(dialog).queryByRole('checkbox', { name: 'Use its own name' })).toBeNull(); // it has no name of its own
    const result = await axe.run(dialog, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('saysFileForASingleFileTorrentAndFolderOrFileWhenItCannotTell', async () => {
    const single = torrent(2, { name: 'movie.mkv', contentName: 'movie.mkv' });
    setup(single, { files: () => Promise.resolve([file(0, 'movie.mkv')]) });
    expect(((await screen.findByLabelText('File on disk')) as HTMLInputElement).value).toBe('movie.mkv');
    document.body.innerHTML = '';
    setup(single, { files: () => Promise.reject(new ApiRequestError(0, 'network', 'offline')) });
    await act(async () => {});
    expect(screen.getByLabelText('Folder or file on disk')).toBeTruthy();
  });

  it('explainsWhatIsWrongWithATypedNameAndSendsNothing', async () => {
    const { dialog, name, save, posts, change } = setup();
    const folder = (await within(dialog).findByLabelText('Folder on disk')) as HTMLInputElement;
    const problem = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent;
    for (const [typed, text] of [
      ['Season/1', 'One name, without “/” or “\\”.'],
      ['a\\b', 'One name, without “/” or “\\”.'],
      ['..', '“.” and “..” are not names.'],
      ['  ', 'Give it a name.'],
    ]) {
      fireEvent.change(folder, { target: { value: typed } });
      expect(folder.getAttribute('aria-invalid')).toBe('true');
      expect(problem(folder)).toBe(text);
      expect(save.disabled).toBe(true);
    }
    fireEvent.change(folder, { target: { value: 'Show' } });
    expect(folder.getAttribute('aria-invalid')).toBe('false');
    fireEvent.change(name, { target: { value: 'a\ttab' } }); // a text field drops line breaks itself
    expect(problem(name)).toBe('No control characters, such as line breaks or tabs.');
    fireEvent.change(name, { target: { value: 'x'.repeat(1001) } });
    expect(problem(name)).toBe('At most 1,000 characters.');
    expect(save.disabled).toBe(true);
    // Typing mistakes are described, not announced: the server's refusals are the alerts.
    expect(within(dialog).queryByRole('alert')).toBeNull();
    fireEvent.submit(save.form!);
    expect(posts()).toEqual([]);
    expect(change).not.toHaveBeenCalled();
  });

  it('patchesTheShownNameOnlyAndCloses', async () => {
    const { name, save, posts, change, onClose, user } = setup();
    await user.clear(name);
    await user.type(name, '  My show ');
    expect(save.disabled).toBe(false);
    await user.click(save);
    expect(change).toHaveBeenCalledWith(SHOW.id, { name: 'My show' });
    expect(posts()).toEqual([]); // the files keep their names
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(screen.getByTestId('toast').textContent).toContain('Now shown as My show');
  });

  it('goesBackToItsOwnNameWithNull', async () => {
    const mine = { ...SHOW, name: 'Mine', customName: true };
    const { dialog, name, change, onClose, user } = setup(mine);
    const own = within(dialog).getByRole('checkbox', { name: 'Use its own name' });
    await user.click(own);
    expect(name.disabled).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(change.mock.calls).toEqual([[SHOW.id, { name: null }]]);
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(screen.getByTestId('toast').textContent).toContain('Shown by its own name again: Own');
  });

  it('renamesTheFolderOnDiskWithAnEmptyPath', async () => {
    const { dialog, posts, change, onClose, user } = setup();
    const folder = await within(dialog).findByLabelText('Folder on disk');
    await user.clear(folder);
    await user.type(folder, ' Show (2026) {Enter}');
    expect(posts()).toEqual([['POST', RENAME_URL, { path: '', newPath: 'Show (2026)' }]]);
    expect(change).not.toHaveBeenCalled(); // its shown name follows the folder by itself
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(screen.getByTestId('toast').textContent).toContain('Renamed on disk to Show (2026)');
  });

  it('showsTheServersRefusalOfTheFolderAndStaysOpen', async () => {
    const refused = new ApiRequestError(409, 'rename_failed', 'a file or folder is already there: Other');
    const { dialog, name, posts, change, onClose, user } = setup(SHOW, { rename: () => Promise.reject(refused) });
    const folder = await within(dialog).findByLabelText('Folder on disk');
    await user.clear(name);
    await user.type(name, 'Shown');
    await user.clear(folder);
    await user.type(folder, 'Other{Enter}');
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('a file or folder is already there: Other');
    expect(folder.getAttribute('aria-invalid')).toBe('true');
    expect(folder.getAttribute('aria-describedby')).toContain(alert.id);
    expect(posts()).toHaveLength(1);
    expect(change).not.toHaveBeenCalled(); // nothing else is applied after a refusal
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Rename torrent' })).toBe(dialog);
    // Typing again clears it.
    await user.type(folder, 's');
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('sendsTheFolderFirstAndOnlyTheNameAgainAfterTheNameIsRefused', async () => {
    let refuse = true;
    const { dialog, name, save, posts, change, onClose, user } = setup(SHOW, {
      change: (body) =>
        refuse
          ? Promise.reject(new ApiRequestError(400, 'bad_name', 'torrent name contains a control character'))
          : Promise.resolve({ ...SHOW, name: body.name ?? '', customName: true, contentName: 'Disk' }),
    });
    const folder = await within(dialog).findByLabelText('Folder on disk');
    await user.clear(name);
    await user.type(name, 'Shown');
    await user.clear(folder);
    await user.type(folder, 'Disk');
    await user.click(save);
    expect((await within(dialog).findByRole('alert')).textContent).toBe('torrent name contains a control character');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(posts()).toEqual([['POST', RENAME_URL, { path: '', newPath: 'Disk' }]]);
    expect(change.mock.calls).toEqual([[SHOW.id, { name: 'Shown' }]]);

    refuse = false;
    await user.click(save);
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(posts()).toHaveLength(1); // the folder is renamed already
    expect(change).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('toast').textContent).toContain('Renamed on disk to Disk, shown as Shown');
  });

  it('leavesTheDiskAloneBeforeTheMetadataIsHere', () => {
    const magnet = torrent(3, { name: 'abc', contentName: '' });
    const { dialog, request } = setup(magnet);
    const folder = within(dialog).getByLabelText('Folder or file on disk') as HTMLInputElement;
    expect(folder.disabled).toBe(true);
    expect(within(dialog).getByText('Known once the metadata has downloaded.')).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
  });
});
