import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeViewport, loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { selectionCommands } from '../palette/selectionCommands';
import { TorrentList } from './TorrentList';

function setup() {
  const rest = mockRest({ change: vi.fn((id: string) => Promise.resolve(torrent(1, { id }))) as never });
  const api = testApi(rest);
  loadSnapshot(api, [torrent(1, { name: 'Alpha', contentName: 'alpha' }), torrent(2, { name: 'Beta' })]);
  renderWithApp(
    <TorrentList query={{ filter: 'all', search: '', sort: [{ column: 'name', desc: false }] }} onQueryChange={vi.fn()}
      onOpen={vi.fn()} onAdd={vi.fn()} stale={false} />,
    api,
  );
  const row = (name: string) => screen.getAllByRole('row').find((r) => r.textContent?.includes(name))!;
  return { rest, row };
}

describe('Rename… on a torrent', () => {
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  it('opensFromTheContextMenuWithItsNames', async () => {
    const { rest, row } = setup();
    fireEvent.contextMenu(row('Alpha'));
    const item = await screen.findByRole('menuitem', { name: /Rename…/ });
    expect(item.textContent).toContain('F2');
    await act(async () => fireEvent.click(item));
    const dialog = screen.getByRole('dialog', { name: 'Rename torrent' });
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Alpha');
    expect((within(dialog).getByLabelText(/on disk$/) as HTMLInputElement).value).toBe('alpha');
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Gamma' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save' })));
    expect(rest.change).toHaveBeenCalledWith(torrent(1).id, { name: 'Gamma' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('isOffForSeveralTorrents', async () => {
    const { row } = setup();
    fireEvent.click(row('Alpha'));
    fireEvent.click(row('Beta'), { ctrlKey: true });
    fireEvent.contextMenu(row('Beta'));
    const item = await screen.findByRole('menuitem', { name: /Rename…/ });
    expect(item.getAttribute('aria-disabled')).toBe('true');
    // F2 does nothing either.
    fireEvent.keyDown(row('Beta'), { key: 'F2' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opensWithF2AndFromTheMoreMenu', async () => {
    const { row } = setup();
    fireEvent.click(row('Beta'));
    fireEvent.keyDown(row('Beta'), { key: 'F2' });
    let dialog = screen.getByRole('dialog', { name: 'Rename torrent' });
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Beta');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(screen.getByRole('button', { name: 'More' }), { key: 'Enter' });
    const item = await screen.findByRole('menuitem', { name: 'Rename…' });
    await act(async () => fireEvent.click(item));
    dialog = screen.getByRole('dialog', { name: 'Rename torrent' });
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Beta');
  });

  it('isInThePaletteForOneTorrent', () => {
    const run = vi.fn();
    const rename = (count: number) => selectionCommands({ count: () => count, run }).find((c) => c.id === 'selection.rename')!;
    expect(rename(1)).toMatchObject({ title: 'Rename…', shortcut: 'F2' });
    expect(rename(1).disabled).toBeUndefined();
    expect(rename(2).disabled).toBe(true);
    expect(selectionCommands({ count: () => 2, run }).find((c) => c.id === 'selection.pause')!.disabled).toBeUndefined();
    rename(1).run();
    expect(run).toHaveBeenCalledWith('rename');
  });
});
