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

export type ToastStore = StoreApi<ToastState> & {
  push(message: string, kind?: ToastKind, details?: readonly string[]): number;
  dismiss(id: number): void;
};

export function createToastStore(): ToastStore {
  const store = createStore<ToastState>()(() => ({ toasts: [] }));
  let nextId = 1;
  return Object.assign(store, {
    push(message: string, kind: ToastKind = 'info', details: readonly string[] = []) {
      const toast: Toast = { id: nextId++, kind, message, details: details.slice(0, 10) };
      store.setState((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
      return toast.id;
    },
    dismiss(id: number) {
      store.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  });
}
