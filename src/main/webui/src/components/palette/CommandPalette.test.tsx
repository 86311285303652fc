import axe from 'axe-core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandPalette, PALETTE_LIMIT, type PaletteCommand } from './CommandPalette';

const command = (id: string, title: string, group = 'Torrents', extra: Partial<PaletteCommand> = {}): PaletteCommand => ({
  id,
  title,
  group,
  run: vi.fn(),
  ...extra,
});

// A function: each test gets fresh run mocks.
const commands = (): readonly PaletteCommand[] => [
  command('add', 'Add torrents', 'General', { shortcut: 'Ctrl+O', keywords: ['magnet'] }),
  command('pause', 'Pause', 'Torrents', { shortcut: 'P' }),
  command('start', 'Start', 'Torrents', { disabled: true }),
  command('recheck', 'Recheck', 'Torrents'),
  command('dark', 'Theme: Dark', 'Preferences'),
];
let COMMANDS = commands();
beforeEach(() => {
  COMMANDS = commands();
});

function open(commands: readonly PaletteCommand[] = COMMANDS, onClose = vi.fn()) {
  const view = render(<CommandPalette open onClose={onClose} commands={commands} />);
  const input = screen.getByRole('combobox', { name: 'Search commands' }) as HTMLInputElement;
  const active = () => {
    const id = input.getAttribute('aria-activedescendant');
    return id === null ? null : document.getElementById(id)?.textContent ?? null;
  };
  const key = (k: string, init: object = {}) => fireEvent.keyDown(input, { key: k, ...init });
  return { ...view, input, active, key, onClose };
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('CommandPalette', () => {
  it('rendersNothingWhileClosed', () => {
    render(<CommandPalette open={false} onClose={vi.fn()} commands={COMMANDS} />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('isAModalWithAFocusedComboboxControllingAGroupedListbox', () => {
    const { input, active } = open();
    expect(screen.getByRole('dialog', { name: 'Commands' })).toBeDefined();
    expect(document.activeElement).toBe(input);
    const listbox = screen.getByRole('listbox', { name: 'Commands' });
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual(['General', 'Torrents', 'Preferences']);
    expect(screen.getAllByRole('option')).toHaveLength(5);
    expect(active()).toBe('Add torrentsCtrl+O');
    expect(screen.getByRole('option', { name: /Start/ }).getAttribute('aria-disabled')).toBe('true');
  });

  it('movesWithTheArrowsHomeEndSkippingDisabledAndWrapping', () => {
    const { key, active } = open();
    key('ArrowDown');
    expect(active()).toBe('PauseP');
    key('ArrowDown');
    expect(active()).toBe('Recheck'); // Start is disabled
    key('End');
    expect(active()).toBe('Theme: Dark');
    key('ArrowDown');
    expect(active()).toBe('Add torrentsCtrl+O'); // wraps
    key('ArrowUp');
    expect(active()).toBe('Theme: Dark');
    key('Home');
    expect(active()).toBe('Add torrentsCtrl+O');
    const selected = screen.getAllByRole('option').filter((o) => o.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
  });

  it('pagesByEightWithoutWrapping', () => {
    const many = Array.from({ length: 20 }, (_, i) => command(`c${i}`, `Command ${i}`));
    const { key, active } = open(many);
    key('PageDown');
    expect(active()).toBe('Command 8');
    key('PageDown');
    key('PageDown');
    expect(active()).toBe('Command 19');
    key('PageUp');
    expect(active()).toBe('Command 11');
    key('PageUp');
    key('PageUp');
    expect(active()).toBe('Command 0');
  });

  it('runsTheActiveCommandWithEnterAfterClosing', () => {
    const order: string[] = [];
    const onClose = vi.fn(() => order.push('close'));
    const commands = COMMANDS.map((c) => ({ ...c, run: vi.fn(() => order.push(c.id)) }));
    const { key } = open(commands, onClose);
    key('ArrowDown');
    key('Enter');
    expect(order).toEqual(['close', 'pause']);
  });

  it('runsAClickedCommandButNotADisabledOne', () => {
    const onClose = vi.fn();
    open(COMMANDS, onClose);
    fireEvent.click(screen.getByRole('option', { name: /Start/ }));
    expect(COMMANDS[2]!.run).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('option', { name: /Recheck/ }));
    expect(COMMANDS[3]!.run).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('filtersAsYouTypeRankingAndResettingTheActiveOption', () => {
    const { input, key, active } = open();
    key('ArrowDown');
    fireEvent.change(input, { target: { value: 'r' } });
    // Recheck starts with it; the others have it elsewhere (Start, Dark, the group Torrents).
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Recheck', 'PauseP', 'Start', 'Add torrentsCtrl+O', 'Theme: Dark']);
    expect(active()).toBe('Recheck');
    expect(screen.getByRole('status').textContent).toBe('5 commands');
    fireEvent.change(input, { target: { value: 'rech' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Recheck']);
    expect(screen.getByRole('status').textContent).toBe('1 command');
    fireEvent.change(input, { target: { value: 'magnet' } });
    expect(active()).toBe('Add torrentsCtrl+O'); // by its keyword
  });

  it('showsAnEmptyStateAndRunsNothing', async () => {
    const { input, key } = open();
    fireEvent.change(input, { target: { value: 'zzz' } });
    expect(screen.getByText('No command matches “zzz”.')).toBeDefined();
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    key('Enter');
    COMMANDS.forEach((c) => expect(c.run).not.toHaveBeenCalled());
    expect(await violations()).toEqual([]);
  });

  it('saysSoWhenThereAreNoCommandsAtAll', () => {
    open([]);
    expect(screen.getByText('No commands available here.')).toBeDefined();
  });

  it('rendersAtMostTheLimitAndSaysTheRestNeedsTyping', () => {
    const many = Array.from({ length: 250 }, (_, i) => command(`c${i}`, `Torrent ${i}`));
    open(many);
    expect(screen.getAllByRole('option')).toHaveLength(PALETTE_LIMIT);
    expect(screen.getByText('Showing 100 of 250; type more to narrow the list.')).toBeDefined();
  });

  it('closesWithEscAndReturnsFocusToTheOpener', () => {
    function Harness() {
      const [isOpen, setOpen] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            Opener
          </button>
          <CommandPalette open={isOpen} onClose={() => setOpen(false)} commands={COMMANDS} />
        </>
      );
    }
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Opener' });
    opener.focus();
    fireEvent.click(opener);
    const input = screen.getByRole('combobox');
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    COMMANDS.forEach((c) => expect(c.run).not.toHaveBeenCalled());
  });

  it('closesWithCtrlKWithoutThePageSeeingTheKey', () => {
    const page = vi.fn();
    window.addEventListener('keydown', page);
    const { key, onClose } = open();
    key('k', { ctrlKey: true });
    expect(onClose).toHaveBeenCalledOnce();
    expect(page).not.toHaveBeenCalled();
    key('k'); // plain k is typing
    expect(onClose).toHaveBeenCalledOnce();
    window.removeEventListener('keydown', page);
  });

  it('keepsTheChoiceWhenTheCommandsAreRerendered', () => {
    const onClose = vi.fn();
    const { key, active, rerender } = open(COMMANDS, onClose);
    key('ArrowDown');
    rerender(<CommandPalette open onClose={onClose} commands={[command('new', 'Alpha', 'General'), ...COMMANDS]} />);
    expect(active()).toBe('PauseP');
  });

  it('passesAxe', async () => {
    open();
    await act(async () => {});
    expect(await violations()).toEqual([]);
  });
});
