import { useState } from 'react';
import { useApp } from '../../context';
import { t, type MessageKey } from '../../i18n';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The changes of Settings › Categories' panels, each applied at once: `busy` while one runs, a toast
 * either way (a refusal's headed by `failed`), and the labels fetched again after.
 */
export function useLabelChange(failed: MessageKey) {
  const { labels, toast } = useApp();
  const [busy, setBusy] = useState(false);

  /** Runs one change; a refusal is a toast, and `onError` may show it where it belongs too. */
  const change = async (action: () => Promise<unknown>, done: string, onError?: (message: string) => void): Promise<boolean> => {
    setBusy(true);
    try {
      await action();
      toast(done, 'success');
      return true;
    } catch (e) {
      toast(t(failed), 'error', [messageOf(e)]);
      onError?.(messageOf(e));
      return false;
    } finally {
      setBusy(false);
      void labels.refresh();
    }
  };
  return { busy, change };
}
