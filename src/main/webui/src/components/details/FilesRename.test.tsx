import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppContext } from '../../context';
import { testApi } from '../../test/fixtures';
import { FilesTab } from './FilesTab';

const ID = 'ef'.repeat(20);
const RENAME_URL = `/api/v1/torrents/${ID}/rename`;

const file = (index: number, path: string) => ({
  index, path, size: 1000, verifiedBytes: 0, progress: 0, priority: 'NORMAL', padding: false,
});
const FILES = [file(0, 'show/a.mkv'), file(1, 'show/extras/b.txt'), file(2, 'readme.txt')];
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The rename requests sent, and what the next one answers. */
let renames: unknown[];
let answer: () => Response;

beforeEach(() => {
  renames = [];
  answer = () => json([]);
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      if (init.method === 'POST' && url === RENAME_URL) {
        renames.push(JSON.parse(String(init.body)));
        return Promise.resolve(answer());
      }
      if ((init.method ?? 'GET') === 'GET' && url === `/api/v1/torrents/${ID}/files`) return Promise.resolve(json(FILES));
      return Promise.reject(new Error(`unexpected ${init.method} ${url}`));
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

async function setup() {
  const api = testApi();
  const toast = vi.spyOn(api, 'toast');
  render(
    <AppContext.Provider value={api}>
      <FilesTab torrentId={ID} />
    </AppContext.Provider>,
  );
  const tree = await screen.findByRole('treegrid', { name: 'Files of the torrent' });
  const row = (name: string) => within(tree).getByRole('checkbox', { name: `Download ${name}` }).closest<HTMLElement>('[role="row"]')!;
  return { tree, row, toast, user: userEvent.setup() };
}

describe('Files tab: rename', () => {
  it('renamesAFileWithItsNameSelectedAndShowsTheNewList', async () => {
    const { tree, row, toast, user } = await setup();
    await user.click(within(tree).getByRole('button', { name: 'Expand extras' }));
    await user.click(within(tree).getByRole('button', { name: 'Rename a.mkv' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename file' });
    const input = within(dialog).getByLabelText('New name') as HTMLInputElement;
    // The name without its extension is selected, so typing replaces it and keeps ".mkv".
    expect(document.activeElement).toBe(input);
    expect([input.value, input.selectionStart, input.selectionEnd]).toEqual(['a.mkv', 0, 1]);
    expect((within(dialog).getByRole('button', { name: 'Rename' }) as HTMLButtonElement).disabled).toBe(true); // unchanged

    answer = () => json([file(0, 'show/Episode 1.mkv'), FILES[1], FILES[2]]);
    await user.keyboard('Episode 1{Enter}');
    expect(renames).toEqual([{ path: 'show/a.mkv', newPath: 'show/Episode 1.mkv' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(tree).getByText('Episode 1.mkv')).toBeTruthy();
    expect(within(tree).queryByText('a.mkv')).toBeNull();
    expect(toast).toHaveBeenCalledWith('Renamed to show/Episode 1.mkv', 'success');
    // The new tree keeps the folders that were open.
    expect(row('extras').getAttribute('aria-expanded')).toBe('true');
    expect(within(tree).getByText('b.txt')).toBeTruthy();
  });

  it('showsTheServersMessageOnAConflictAndStaysOpen', async () => {
    const { tree, row, toast, user } = await setup();
    answer = () => json({ error: 'rename_failed', message: 'a file is already there: readme.txt' }, 409);
    // F2 from a control of the row, as in a file manager.
    fireEvent.keyDown(within(row('readme.txt')).getByRole('combobox'), { key: 'F2' });
    const dialog = screen.getByRole('dialog', { name: 'Rename file' });
    const input = within(dialog).getByLabelText('New name') as HTMLInputElement;
    await user.clear(input);
    await user.type(input, 'a.mkv{Enter}');
    expect(renames).toEqual([{ path: 'readme.txt', newPath: 'a.mkv' }]);
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('a file is already there: readme.txt');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    expect(screen.getByRole('dialog', { name: 'Rename file' })).toBe(dialog);
    expect(within(tree).getByText('readme.txt')).toBeTruthy();
    expect(toast).not.toHaveBeenCalled();
    // Typing again clears the refusal; Cancel closes without a request.
    await user.type(input, 'x');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(renames).toHaveLength(1);
  });

  it('renamesAFolderFromTheContextMenuAndMovesItIntoASubfolder', async () => {
    const { tree, row, user } = await setup();
    fireEvent.contextMenu(row('extras'));
    const menu = await screen.findByRole('menu', { name: 'Actions for extras' });
    await act(async () => fireEvent.click(within(menu).getByRole('menuitem', { name: /Rename…/ })));
    const dialog = screen.getByRole('dialog', { name: 'Rename folder' });
    const input = within(dialog).getByLabelText('New name') as HTMLInputElement;
    expect([input.value, input.selectionStart, input.selectionEnd]).toEqual(['extras', 0, 6]); // a folder: all of it
    expect(within(dialog).getByText('In show. A “/” moves it into a subfolder there.')).toBeTruthy();

    answer = () => json([FILES[0], file(1, 'show/more/bonus/b.txt'), FILES[2]]);
    fireEvent.change(input, { target: { value: ' more/bonus/ ' } });
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    // Only the last part changes: the folder stays under show, now inside a new folder "more".
    expect(renames).toEqual([{ path: 'show/extras', newPath: 'show/more/bonus' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(tree).getByText('more')).toBeTruthy();
    expect(within(tree).queryByText('extras')).toBeNull();
  });

  it('refusesAnEmptyName', async () => {
    const { tree, user } = await setup();
    await user.click(within(tree).getByRole('button', { name: 'Rename show' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename folder' });
    const input = within(dialog).getByLabelText('New name');
    fireEvent.change(input, { target: { value: ' / ' } });
    expect((within(dialog).getByRole('button', { name: 'Rename' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(input, '{Enter}');
    expect(renames).toEqual([]);
  });
});
