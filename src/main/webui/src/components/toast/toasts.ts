import { createStore, type StoreApi } from 'zustand/vanilla';

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
  /** Per-item lines under the message, e.g. one per torrent a bulk action failed for. */
  readonly details: readonly string[];
}

export interface ToastState {
  readonly toasts: readonly Toast[];
}

/** At most this many toasts at once; older ones leave first so a burst cannot bury the page. */
const MAX_TOASTS = 4;
/**
 * How long a toast stays: results go after a few seconds, errors stay longer (they may need
 * reading); either can be dismissed sooner. Everything is also in the live region and, for server
 * events, in the snapshot's event list.
 */
export const TOAST_MS: Readonly<Record<ToastKind, number>> = { info: 6_000, success: 6_000, error: 20_000 };

export type ToastStore = StoreApi<ToastState> & {
  push(message: string, kind?: ToastKind, details?: readonly string[]): number;
  dismiss(id: number): void;
};

export function createToastStore(): ToastStore {
  const store = createStore<ToastState>()(() => ({ toasts: [] }));
  let nextId = 1;
  const dismiss = (id: number) => store.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  return Object.assign(store, {
    push(message: string, kind: ToastKind = 'info', details: readonly string[] = []) {
      const toast: Toast = { id: nextId++, kind, message, details: details.slice(0, 10) };
      store.setState((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
      setTimeout(() => dismiss(toast.id), TOAST_MS[kind]);
      return toast.id;
    },
    dismiss,
  });
}
