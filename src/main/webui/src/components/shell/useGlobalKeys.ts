import { useEffect, useRef, type RefObject } from 'react';
import { getPrefs } from '../../prefs/prefs';
import { inOverlay, isTextField } from '../list/keys';

export interface GlobalKeyCallbacks {
  /** `?`: show the keyboard shortcuts. Without it, `?` is left to the page. */
  readonly onShortcuts?: () => void;
  /** Ctrl/⌘+K: open the command palette. Without it, Ctrl/⌘+K focuses the search. */
  readonly onPalette?: () => void;
}

/**
 * Page-wide keys: `/` focuses the search, `?` shows the shortcuts, Ctrl/⌘+K opens the command
 * palette (or focuses the search when there is none), Ctrl/⌘+O opens the Add dialog (instead of
 * the browser's "open file"). `/` and `?` are single-key shortcuts: they never fire in fields or
 * dialogs, nor at all while the user has turned single-key shortcuts off (WCAG 2.1.4).
 */
export function useGlobalKeys(search: RefObject<HTMLInputElement | null>, onAdd: () => void, callbacks: GlobalKeyCallbacks = {}): void {
  const latest = useRef({ onAdd, callbacks });
  latest.current = { onAdd, callbacks };
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const { onAdd: add, callbacks: { onShortcuts, onPalette } } = latest.current;
      if (mod && !e.altKey && !e.shiftKey && (e.key === 'o' || e.key === 'O')) {
        e.preventDefault();
        add();
      } else if (mod && !e.altKey && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        // Not over another dialog: the palette's own Ctrl/⌘+K (which closes it) stops before here.
        if (onPalette === undefined) search.current?.focus();
        else if (!inOverlay(e.target)) onPalette();
      } else if (mod || e.altKey || isTextField(e.target) || inOverlay(e.target) || !getPrefs().singleKeyShortcuts) {
        // Typing, or inside a dialog or menu, or single-key shortcuts are off.
      } else if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (e.key === '?' && onShortcuts !== undefined) {
        // Shift+/ on US layouts, but e.key is what the layout produced, so any layout's ? works.
        e.preventDefault();
        onShortcuts();
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [search]);
}
