import { fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setPrefs } from '../../prefs/prefs';
import type { ListQuery } from '../../store/selectors';
import { fakeViewport, loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { TorrentList } from '../list/TorrentList';
import { useGlobalKeys, type GlobalKeyCallbacks } from '../shell/useGlobalKeys';

// The single-key switch (WCAG 2.1.4) as the page's key handlers see it: list/keys.ts and
// shell/useGlobalKeys.ts. Here because those folders belong to other parts of the UI.

function Page({ onAdd, callbacks }: { onAdd: () => void; callbacks?: GlobalKeyCallbacks }) {
  const search = useRef<HTMLInputElement>(null);
  useGlobalKeys(search, onAdd, callbacks);
  return (
    <>
      <input ref={search} type="search" aria-label="Search" />
      <input type="text" aria-label="Other field" />
      <div role="dialog" aria-label="Some dialog">
        <button type="button">In dialog</button>
      </div>
    </>
  );
}

function page(callbacks?: GlobalKeyCallbacks) {
  const onAdd = vi.fn();
  render(<Page onAdd={onAdd} {...(callbacks ? { callbacks } : {})} />);
  const search = screen.getByRole('searchbox', { name: 'Search' });
  /** Dispatches on `target` (the body by default); false when the handler prevented the default. */
  const press = (key: string, init: object = {}, target: Element = document.body) => fireEvent.keyDown(target, { key, ...init });
  return { onAdd, search, press };
}

describe('global keys', () => {
  it('focusesTheSearchWithSlashAndShowsTheShortcutsWithQuestionMark', () => {
    const onShortcuts = vi.fn();
    const { search, press } = page({ onShortcuts });
    expect(press('/')).toBe(false);
    expect(document.activeElement).toBe(search);
    (document.activeElement as HTMLElement).blur();
    expect(press('?', { shiftKey: true })).toBe(false);
    expect(onShortcuts).toHaveBeenCalledOnce();
  });

  it('leavesQuestionMarkAloneInFieldsDialogsWithModifiersOrWithoutACallback', () => {
    const onShortcuts = vi.fn();
    const { press } = page({ onShortcuts });
    press('?', { shiftKey: true }, screen.getByRole('textbox', { name: 'Other field' }));
    press('?', { shiftKey: true }, screen.getByRole('button', { name: 'In dialog' }));
    press('?', { shiftKey: true, ctrlKey: true });
    expect(onShortcuts).not.toHaveBeenCalled();
  });

  it('doesNothingOnSingleKeysWhileTheyAreOff', () => {
    setPrefs({ singleKeyShortcuts: false });
    const onShortcuts = vi.fn();
    const { search, press } = page({ onShortcuts });
    expect(press('/')).toBe(true); // not prevented: the page may type it
    expect(document.activeElement).not.toBe(search);
    expect(press('?', { shiftKey: true })).toBe(true);
    expect(onShortcuts).not.toHaveBeenCalled();
  });

  it('keepsCtrlAndCmdShortcutsWhileSingleKeysAreOff', () => {
    setPrefs({ singleKeyShortcuts: false });
    const onPalette = vi.fn();
    const { onAdd, press, search } = page({ onPalette });
    expect(press('o', { ctrlKey: true })).toBe(false);
    expect(press('O', { metaKey: true })).toBe(false);
    expect(onAdd).toHaveBeenCalledTimes(2);
    press('k', { ctrlKey: true });
    press('k', { metaKey: true }, search); // from a text field too
    expect(onPalette).toHaveBeenCalledTimes(2);
  });

  it('opensThePaletteWithCtrlKButNotOverADialog', () => {
    const onPalette = vi.fn();
    const { press, search } = page({ onPalette });
    expect(press('k', { ctrlKey: true })).toBe(false);
    expect(onPalette).toHaveBeenCalledOnce();
    expect(document.activeElement).not.toBe(search);
    press('k', { ctrlKey: true }, screen.getByRole('button', { name: 'In dialog' }));
    expect(onPalette).toHaveBeenCalledOnce();
  });

  it('focusesTheSearchWithCtrlKWhenThereIsNoPalette', () => {
    const { press, search } = page();
    expect(press('K', { ctrlKey: true })).toBe(false);
    expect(document.activeElement).toBe(search);
  });
});

describe('list keys', () => {
  const byName: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  function list() {
    const rest = mockRest();
    const api = testApi(rest);
    loadSnapshot(api, [torrent(1), torrent(2), torrent(3)]);
    renderWithApp(<TorrentList query={byName} onQueryChange={vi.fn()} onOpen={vi.fn()} onAdd={vi.fn()} stale={false} />, api);
    const row = (n: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`Torrent 0000${n}`))!;
    return { rest, row };
  }

  it('ignoresPRAndDeleteWhileSingleKeysAreOff', () => {
    setPrefs({ singleKeyShortcuts: false });
    const { rest, row } = list();
    fireEvent.click(row(1));
    for (const init of [{ key: 'p' }, { key: 'R' }, { key: 'Delete' }, { key: 'Delete', shiftKey: true }]) {
      expect(fireEvent.keyDown(row(1), init)).toBe(true); // not handled, so not prevented
    }
    expect(rest.bulk).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keepsNavigationAndCtrlShortcutsWhileSingleKeysAreOff', () => {
    setPrefs({ singleKeyShortcuts: false });
    const { row } = list();
    fireEvent.click(row(1));
    fireEvent.keyDown(row(1), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row(2));
    fireEvent.keyDown(row(2), { key: 'a', ctrlKey: true });
    expect(screen.getByText('3 selected')).toBeDefined();
    fireEvent.keyDown(row(2), { key: 'Delete', ctrlKey: true });
    expect(screen.getByRole('dialog', { name: 'Remove 3 torrents' })).toBeDefined();
  });

  it('pausesWithPWhileSingleKeysAreOn', () => {
    const { rest, row } = list();
    fireEvent.click(row(1));
    fireEvent.keyDown(row(1), { key: 'p' });
    expect(rest.bulk).toHaveBeenCalledWith({ action: 'pause', ids: [torrent(1).id] });
  });
});
