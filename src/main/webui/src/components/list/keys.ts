import type { KeyboardEvent } from 'react';
import { getPrefs } from '../../prefs/prefs';
import type { ListCommand } from './commands';
import type { SelectionApi } from './selection';

export interface CommandOptions {
  /** Remove: open the dialog with "also delete the files" ticked (Shift+Delete). */
  readonly withFiles?: boolean;
  /** Pause: resume instead when none of them runs (the P key). */
  readonly toggle?: boolean;
}

/** True for fields where typed letters are text: single-key shortcuts must not fire there. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}

/** Inside a dialog or menu, keys belong to it. */
export const inOverlay = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('[role="dialog"],[role="alertdialog"],[role="menu"]') !== null;

export interface GridKeyContext {
  readonly rows: readonly string[];
  readonly selection: SelectionApi;
  /** Rows that fit in the viewport (PageUp/PageDown step). */
  readonly pageSize: number;
  /** Moves the roving focus (and scrolls to it). */
  readonly focusRow: (index: number, extend: boolean) => void;
  readonly onOpen: (id: string) => void;
  readonly onCommand: (command: ListCommand, options?: CommandOptions) => void;
}

/**
 * The list's keyboard map (UI spec 1.8): ↑/↓ move, Shift extends, Space selects, Enter opens,
 * Esc clears, Home/End/PageUp/PageDown, Ctrl/⌘+A, Delete (Shift = with files, still confirmed),
 * P pause/resume, R recheck, F2 rename (one torrent, as in qBittorrent). Returns whether the key was handled.
 *
 * Delete, P and R are single-key shortcuts: they do nothing while the user has turned those off
 * (WCAG 2.1.4: speech input types letters, which must not pause or remove torrents). The
 * arrows, Space, Enter, Esc and Home/End/PageUp/PageDown stay: they are how the grid is operated
 * by keyboard at all, not shortcuts; F2 stays too (not a character key, and it only opens a dialog).
 */
export function handleGridKey(e: KeyboardEvent, ctx: GridKeyContext): boolean {
  if (isTextField(e.target) || inOverlay(e.target)) return false;
  const { rows, selection } = ctx;
  const current = selection.focus === null ? -1 : rows.indexOf(selection.focus);
  const mod = e.ctrlKey || e.metaKey;
  const last = rows.length - 1;
  const go = (index: number) => {
    if (rows.length > 0) ctx.focusRow(Math.max(0, Math.min(last, index)), e.shiftKey);
  };
  switch (e.key) {
    case 'ArrowDown':
      go(current < 0 ? 0 : current + 1);
      return true;
    case 'ArrowUp':
      go(current < 0 ? 0 : current - 1);
      return true;
    case 'Home':
      go(0);
      return true;
    case 'End':
      go(last);
      return true;
    case 'PageDown':
      go(current + ctx.pageSize);
      return true;
    case 'PageUp':
      go(current - ctx.pageSize);
      return true;
    case ' ':
      if (selection.focus !== null) selection.toggle(selection.focus);
      return true;
    case 'Enter':
      if (selection.focus !== null) ctx.onOpen(selection.focus);
      return selection.focus !== null;
    case 'Escape':
      if (selection.selected.size === 0) return false;
      selection.clear();
      return true;
    case 'Delete':
      // With Ctrl/⌘ or Alt it is not a single-key shortcut and works either way, as it always has.
      if (!mod && !e.altKey && !getPrefs().singleKeyShortcuts) return false;
      ctx.onCommand('remove', { withFiles: e.shiftKey });
      return true;
    case 'F2':
      if (mod || e.altKey || e.shiftKey) return false;
      ctx.onCommand('rename');
      return true;
  }
  if (mod && e.key.toLowerCase() === 'a') {
    selection.selectAll();
    return true;
  }
  if (mod || e.altKey || !getPrefs().singleKeyShortcuts) return false;
  if (e.key === 'p' || e.key === 'P') {
    ctx.onCommand('pause', { toggle: true });
    return true;
  }
  if (e.key === 'r' || e.key === 'R') {
    ctx.onCommand('recheck');
    return true;
  }
  return false;
}
