import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListQuery } from '../../store/selectors';
import { fakeViewport, loadSnapshot, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { TorrentList } from '../list/TorrentList';
import { fakeMedia, type FakeMedia } from './testMedia';

const byName: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };

/** The list with its query in state, as the shell keeps it in the URL. */
function Harness({ onQueryChange }: { onQueryChange: (q: ListQuery) => void }) {
  const [query, setQuery] = useState(byName);
  return (
    <TorrentList
      query={query}
      onQueryChange={(q) => {
        onQueryChange(q);
        setQuery(q);
      }}
      onOpen={vi.fn()}
      onAdd={vi.fn()}
      stale={false}
    />
  );
}

function setup() {
  const api = testApi();
  loadSnapshot(api, [torrent(1), torrent(2, { state: 'paused' }), torrent(3, { state: 'paused' }), torrent(4, { finished: true })]);
  const onQueryChange = vi.fn();
  renderWithApp(<Harness onQueryChange={onQueryChange} />, api);
  const opener = screen.getByRole('button', { name: /Filter & sort/ });
  // Focused first, as a tap or a key press on it does in a browser (jsdom's click does not focus).
  act(() => opener.focus());
  fireEvent.click(opener);
  const sheet = screen.getByRole('dialog', { name: 'Filter and sort' });
  return { onQueryChange, opener, sheet };
}

describe('phone filter sheet', () => {
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

  it('opensAsAModalDialogOnTheCurrentFilterAndKeepsTabInside', async () => {
    const user = userEvent.setup();
    const { sheet } = setup();
    expect(sheet.getAttribute('aria-modal')).toBe('true');
    expect(sheet.className).toContain('sheet');
    expect(document.activeElement).toBe(within(sheet).getByRole('link', { name: /^All ?\d/ }));

    const close = within(sheet).getByRole('button', { name: 'Close' });
    const done = within(sheet).getByRole('button', { name: 'Show 4 torrents' });
    act(() => done.focus());
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(done);
  });

  it('appliesAStateFilterAndASortAtOnce', () => {
    const { sheet, onQueryChange } = setup();
    fireEvent.click(within(sheet).getByRole('link', { name: /^Paused/ }));
    expect(onQueryChange).toHaveBeenLastCalledWith({ ...byName, filter: 'paused' });
    expect(within(sheet).getByRole('link', { name: /^Paused/ }).getAttribute('aria-current')).toBe('true');
    expect(within(sheet).getByRole('button', { name: 'Show 2 torrents' })).toBeDefined();

    fireEvent.click(within(sheet).getByRole('radio', { name: 'Size' }));
    expect(onQueryChange).toHaveBeenLastCalledWith({ ...byName, filter: 'paused', sort: [{ column: 'size', desc: true }] });
    expect((within(sheet).getByRole('radio', { name: 'Descending' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(sheet).getByRole('radio', { name: 'Ascending' }));
    expect(onQueryChange).toHaveBeenLastCalledWith({ ...byName, filter: 'paused', sort: [{ column: 'size', desc: false }] });

    fireEvent.click(within(sheet).getByRole('button', { name: 'Show 2 torrents' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // The filter in force shows on the button, so it is never hidden state.
    expect(screen.getByRole('button', { name: /Filter & sort/ }).textContent).toContain('Paused');
  });

  it('closesOnEscapeAndReturnsFocusToItsButton', () => {
    const { sheet, opener } = setup();
    fireEvent.keyDown(within(sheet).getByRole('link', { name: /^All ?\d/ }), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closesOnATapOnTheBackdropButNotInsideTheSheet', () => {
    const { sheet } = setup();
    // Inside: the click's target is a child, or the sheet itself within its box.
    fireEvent.click(within(sheet).getByRole('heading', { name: 'State' }));
    expect(screen.getByRole('dialog')).toBeDefined();
    vi.spyOn(sheet, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 0, y: 400, width: 390, height: 400 }));
    fireEvent.click(sheet, { clientX: 200, clientY: 500 });
    expect(screen.getByRole('dialog')).toBeDefined();
    // Outside the box, on the <dialog> itself: the ::backdrop.
    fireEvent.click(sheet, { clientX: 200, clientY: 100 });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
