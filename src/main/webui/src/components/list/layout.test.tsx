import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeViewport, loadSnapshot, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { LAYOUT_KEY, sanitizeLayout } from './layout';
import { TorrentList } from './TorrentList';

function renderList() {
  const api = testApi();
  loadSnapshot(api, [torrent(1)]);
  return renderWithApp(
    <TorrentList query={{ filter: 'all', search: '', sort: [] }} onQueryChange={vi.fn()} onOpen={vi.fn()} onAdd={vi.fn()} stale={false} />,
    api,
  );
}

const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

describe('column layout', () => {
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  it('showsHidesAndMovesColumnsAndPersistsTheLayout', () => {
    const { unmount } = renderList();
    expect(headers()).not.toContain('Info hash');
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    const dialog = screen.getByRole('dialog', { name: 'Columns' });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Info hash' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Seeds' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move Size up' }));
    expect((within(dialog).getByRole('checkbox', { name: 'Name' }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));

    const shown = headers();
    expect(shown).toContain('Info hash');
    expect(shown).not.toContain('Seeds');
    expect(shown.indexOf('Size')).toBeLessThan(shown.indexOf('Name'));
    unmount();

    renderList();
    expect(headers()).toContain('Info hash');
    expect(JSON.parse(window.localStorage.getItem(LAYOUT_KEY)!).hidden).toContain('seeds');
  });

  it('resizesWithTheKeyboardOnTheSeparatorAndResets', () => {
    renderList();
    const handle = screen.getByRole('separator', { name: 'Resize column Size' });
    const before = Number(handle.getAttribute('aria-valuenow'));
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 10);
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Reset columns' })));
    expect(Number(screen.getByRole('separator', { name: 'Resize column Size', hidden: true }).getAttribute('aria-valuenow'))).toBe(before);
  });

  it('readsAStoredLayoutDefensively', () => {
    const layout = sanitizeLayout({ order: ['size', 'bogus', 'name'], hidden: ['name', 'ratio'], widths: { size: 5, name: 'wide' } });
    expect(layout.order.slice(0, 2)).toEqual(['size', 'name']);
    expect(layout.order).toContain('infoHash');
    expect(layout.hidden).toContain('ratio');
    expect(layout.hidden).toContain('infoHash');
    expect(layout.hidden).not.toContain('name');
    expect(layout.widths).toEqual({ size: 48 });
    expect(sanitizeLayout('garbage').order[0]).toBe('name');
  });

  it('startsATabletWithFewerNarrowerColumns', () => {
    const tablet = sanitizeLayout(undefined, 'tablet');
    expect(tablet.order.filter((id) => !tablet.hidden.includes(id))).toEqual(['name', 'progress', 'state', 'down', 'up', 'eta']);
    expect(tablet.widths.name).toBe(140);
    // A stored tablet layout keeps its own choices; columns it never heard of arrive hidden.
    const stored = sanitizeLayout({ order: ['name', 'size'], hidden: [], widths: { name: 300 } }, 'tablet');
    expect(stored.hidden).not.toContain('size');
    expect(stored.hidden).toContain('peers');
    expect(stored.widths.name).toBe(300);
  });
});
