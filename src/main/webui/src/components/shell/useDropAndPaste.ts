import { useEffect, useRef, useState } from 'react';
import type { AddInput } from '../../context';
import { inOverlay, isTextField } from '../list/keys';
import { isTorrentFile, looksAddable } from './input';

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;

/**
 * Window-wide drop of .torrent files and paste of magnets/URLs/info-hashes, both handing the input
 * to `onInput` (the Add dialog). Returns whether files are being dragged over the window, for the
 * overlay. Pastes into text fields and dialogs are left alone: the user is typing there.
 */
export function useDropAndPaste(onInput: (input: AddInput) => void, onRejected: () => void): boolean {
  const [dragging, setDragging] = useState(false);
  const callbacks = useRef({ onInput, onRejected });
  callbacks.current = { onInput, onRejected };

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; a counter tells when the pointer really left.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!e.dataTransfer) return;
      const files = [...e.dataTransfer.files];
      const text = e.dataTransfer.getData('text/uri-list') || e.dataTransfer.getData('text/plain');
      if (files.length === 0 && !looksAddable(text)) return;
      e.preventDefault(); // or the browser navigates to the dropped file
      const torrents = files.filter(isTorrentFile);
      if (torrents.length > 0) callbacks.current.onInput({ files: torrents });
      else if (files.length > 0) callbacks.current.onRejected();
      else callbacks.current.onInput({ text });
    };
    const paste = (e: ClipboardEvent) => {
      if (isTextField(e.target) || inOverlay(e.target) || e.clipboardData === null) return;
      const files = [...e.clipboardData.files].filter(isTorrentFile);
      const text = e.clipboardData.getData('text/plain') || e.clipboardData.getData('text');
      if (files.length > 0) {
        e.preventDefault();
        callbacks.current.onInput({ files });
      } else if (looksAddable(text)) {
        e.preventDefault();
        callbacks.current.onInput({ text: text.trim() });
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    document.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      document.removeEventListener('paste', paste);
    };
  }, []);

  return dragging;
}
