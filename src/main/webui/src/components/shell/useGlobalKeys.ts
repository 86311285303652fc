import { useEffect, useRef, type RefObject } from 'react';
import { inOverlay, isTextField } from '../list/keys';

/**
 * Page-wide keys: `/` and Ctrl/⌘+K focus the search, Ctrl/⌘+O opens the Add dialog (instead of the
 * browser's "open file"). `/` is a single-key shortcut, so it never fires in fields or dialogs.
 */
export function useGlobalKeys(search: RefObject<HTMLInputElement | null>, onAdd: () => void): void {
  const add = useRef(onAdd);
  add.current = onAdd;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && !e.shiftKey && (e.key === 'o' || e.key === 'O')) {
        e.preventDefault();
        add.current();
      } else if (mod && !e.altKey && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === '/' && !mod && !e.altKey && !isTextField(e.target) && !inOverlay(e.target)) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [search]);
}
