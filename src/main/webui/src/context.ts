import { createContext, useContext } from 'react';
import type { EventsClient } from './api/EventsClient';
import type { Rest } from './api/rest';
import { createAnnouncer, type Announcer } from './components/toast/announcer';
import { createToastStore, type ToastKind, type ToastStore } from './components/toast/toasts';
import { createLabelsStore, type LabelsStore } from './store/labels';
import type { LiveStore } from './store/live';

export type { ToastKind } from './components/toast/toasts';

/**
 * What every part of the UI reaches through {@link useApp}: the event socket, the live store fed
 * by it, the REST helpers and the user-facing notifications.
 */
export interface AppApi {
  readonly events: EventsClient;
  readonly store: LiveStore;
  readonly rest: Rest;
  /** The session's categories and tags, loaded on first use and refreshed after changes made here. */
  readonly labels: LabelsStore;
  /** Shows a toast and announces it in the polite live region. */
  toast(message: string, kind?: ToastKind, details?: readonly string[]): void;
  /** Announces to screen readers only (throttled). */
  announce(message: string): void;
  /** Backing stores of the toasts and the live region, rendered by the shell. */
  readonly toasts: ToastStore;
  readonly announcer: Announcer;
}

export function createAppApi(parts: { events: EventsClient; store: LiveStore; rest: Rest }): AppApi {
  const toasts = createToastStore();
  const announcer = createAnnouncer();
  return {
    ...parts,
    labels: createLabelsStore(parts.rest),
    toasts,
    announcer,
    toast(message, kind = 'info', details = []) {
      toasts.push(message, kind, details);
      announcer.announce(message);
    },
    announce: (message) => announcer.announce(message),
  };
}

/** What a drop or a paste hands the Add dialog: files (.torrent) or text (magnets, URLs, info-hashes, one a line). */
export interface AddInput {
  readonly files?: readonly File[];
  readonly text?: string;
}

/** Props of `components/add/AddDialog.tsx` (mounted by the shell while the route is `/add`). */
export interface AddDialogProps {
  readonly open: boolean;
  readonly initialInput: AddInput;
  readonly onClose: () => void;
}

/** Props of `components/details/DetailsPane.tsx` (mounted by the shell on `/t/:id/:tab?`). */
export interface DetailsPaneProps {
  readonly torrentId: string;
  /** The tab in the URL, `null` for the default one. */
  readonly tab: string | null;
  readonly onTabChange: (tab: string) => void;
  readonly onClose: () => void;
}

export const AppContext = createContext<AppApi | null>(null);

/** The app's API; throws outside `<AppContext.Provider>` (a wiring bug, not a runtime condition). */
export function useApp(): AppApi {
  const api = useContext(AppContext);
  if (api === null) throw new Error('useApp() outside <AppContext.Provider>');
  return api;
}
