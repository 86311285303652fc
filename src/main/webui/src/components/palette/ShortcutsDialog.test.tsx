import axe from 'axe-core';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getPrefs, setPrefs } from '../../prefs/prefs';
import { SHORTCUTS } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';

const bodyRows = () => screen.getAllByRole('row').filter((r) => r.closest('tbody') !== null);

describe('ShortcutsDialog', () => {
  it('rendersNothingWhileClosed', () => {
    render(<ShortcutsDialog open={false} onClose={vi.fn()} />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('listsEveryShortcutAsKbdInItsGroup', () => {
    render(<ShortcutsDialog open onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const tables = within(dialog).getAllByRole('table');
    expect(tables.map((table) => table.querySelector('caption')?.textContent)).toEqual(['General', 'Torrent list', 'Details']);
    expect(bodyRows()).toHaveLength(SHORTCUTS.reduce((n, g) => n + g.shortcuts.length, 0));
    const palette = bodyRows().find((r) => r.textContent?.includes('Open the command palette'))!;
    // A chord is nested <kbd>s; jsdom is no Mac, so Ctrl.
    expect([...palette.querySelectorAll('kbd.chord > kbd')].map((k) => k.textContent)).toEqual(['Ctrl', 'K']);
    const move = bodyRows().find((r) => r.textContent?.includes('Move between torrents'))!;
    expect(move.querySelector('td')!.textContent).toBe('↑ or ↓');
  });

  it('togglesSingleKeyShortcutsAndMarksTheirRowsOff', () => {
    render(<ShortcutsDialog open onClose={vi.fn()} />);
    const toggle = screen.getByRole('switch', { name: 'Single-key shortcuts' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).not.toBeNull();
    expect(screen.queryAllByText(/\(off\)/)).toHaveLength(0);
    fireEvent.click(toggle);
    expect(getPrefs().singleKeyShortcuts).toBe(false);
    expect(toggle.checked).toBe(false);
    const off = bodyRows().filter((r) => r.classList.contains('shortcuts__row--off'));
    const singles = SHORTCUTS.flatMap((g) => g.shortcuts).filter((s) => s.singleKey === true);
    expect(off).toHaveLength(singles.length);
    expect(off.every((r) => r.textContent?.endsWith('(off)'))).toBe(true);
    expect(off.map((r) => r.querySelector('td')!.textContent)).toContain('P');
    fireEvent.click(toggle);
    expect(getPrefs().singleKeyShortcuts).toBe(true);
  });

  it('followsAChangeMadeElsewhere', () => {
    render(<ShortcutsDialog open onClose={vi.fn()} />);
    act(() => setPrefs({ singleKeyShortcuts: false }));
    expect((screen.getByRole('switch') as HTMLInputElement).checked).toBe(false);
  });

  it('closesWithDoneAndEsc', () => {
    const onClose = vi.fn();
    render(<ShortcutsDialog open onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    fireEvent.keyDown(screen.getByRole('switch'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('passesAxe', async () => {
    render(<ShortcutsDialog open onClose={vi.fn()} />);
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
