import { useMemo } from 'react';
import { ApiRequestError, magnetUri, metainfoUrl, playlistUrl, type BulkAction, type LimitsChange } from '../../api/rest';
import { useApp, type AppApi } from '../../context';
import { t } from '../../i18n';

export type ActionVerb = BulkAction | 'move' | 'limits' | 'sequential';
export type CopyKind = 'magnet' | 'hash' | 'name';

interface Outcome {
  readonly id: string;
  readonly ok: boolean;
  readonly message?: string | null | undefined;
}

const messageOf = (error: unknown) =>
  error instanceof ApiRequestError ? error.message : error instanceof Error ? error.message : String(error);

/** One toast per action: a success count, or the failures with one line per torrent. */
function report(app: AppApi, verb: ActionVerb, outcomes: readonly Outcome[]): void {
  const failed = outcomes.filter((o) => !o.ok);
  const count = outcomes.length;
  if (failed.length === 0) {
    app.toast(t(`result.${verb}`, { count }), 'success');
    return;
  }
  const torrents = app.store.getState().torrents;
  const details = failed.map((o) => `${torrents.get(o.id)?.name ?? o.id}: ${o.message ?? t('error.unknown')}`);
  app.toast(t('result.failed', { verb: t(`verb.${verb}`), failed: failed.length, count }), 'error', details);
}

async function each(ids: readonly string[], call: (id: string) => Promise<unknown>): Promise<Outcome[]> {
  const settled = await Promise.allSettled(ids.map((id) => call(id)));
  return settled.map((s, i) => ({ id: ids[i]!, ok: s.status === 'fulfilled', message: s.status === 'rejected' ? messageOf(s.reason) : null }));
}

export interface TorrentActions {
  /** Start, pause, recheck, reannounce or remove through the bulk endpoint: one request, one toast. */
  bulk(action: BulkAction, ids: readonly string[], deleteFiles?: boolean): Promise<void>;
  move(ids: readonly string[], outputFolder: string): Promise<void>;
  setLimits(ids: readonly string[], limits: LimitsChange): Promise<void>;
  /** Sets sequential on all of them to the opposite of the first one's, so a mixed set ends uniform. */
  toggleSequential(ids: readonly string[]): Promise<void>;
  copy(kind: CopyKind, ids: readonly string[]): Promise<void>;
  downloadMetainfo(ids: readonly string[]): void;
  openPlaylist(id: string): void;
  /** Pause if any of them runs, else resume (the P key). */
  pauseOrResume(ids: readonly string[]): Promise<void>;
}

export function createActions(app: AppApi): TorrentActions {
  const bulk = async (action: BulkAction, ids: readonly string[], deleteFiles = false) => {
    if (ids.length === 0) return;
    try {
      const response = await app.rest.bulk({ action, ids: [...ids], ...(action === 'remove' ? { deleteFiles } : {}) });
      report(app, action, response.results);
    } catch (error) {
      report(app, action, ids.map((id) => ({ id, ok: false, message: messageOf(error) })));
    }
  };
  return {
    bulk,
    move: async (ids, folder) => report(app, 'move', await each(ids, (id) => app.rest.move(id, folder))),
    setLimits: async (ids, limits) => report(app, 'limits', await each(ids, (id) => app.rest.setLimits(id, limits))),
    toggleSequential: async (ids) => {
      const first = app.store.getState().torrents.get(ids[0] ?? '');
      const sequential = !(first?.sequential ?? false);
      report(app, 'sequential', await each(ids, (id) => app.rest.change(id, { sequential })));
    },
    copy: async (kind, ids) => {
      const torrents = app.store.getState().torrents;
      const lines = ids.flatMap((id) => {
        const x = torrents.get(id);
        if (x === undefined) return [];
        return [kind === 'magnet' ? magnetUri(x) : kind === 'hash' ? x.id : x.name];
      });
      try {
        await navigator.clipboard.writeText(lines.join('\n'));
        app.toast(t(`copied.${kind}`, { count: lines.length }), 'success');
      } catch {
        app.toast(t('copied.failed'), 'error');
      }
    },
    downloadMetainfo: (ids) => {
      // One link click per torrent; the server answers with Content-Disposition: attachment.
      for (const id of ids) {
        const link = document.createElement('a');
        link.href = metainfoUrl(id);
        link.download = '';
        link.rel = 'noopener';
        document.body.append(link);
        link.click();
        link.remove();
      }
    },
    openPlaylist: (id) => {
      window.open(playlistUrl(id), '_blank', 'noopener');
    },
    pauseOrResume: async (ids) => {
      const torrents = app.store.getState().torrents;
      const anyRunning = ids.some((id) => {
        const state = torrents.get(id)?.state;
        return state !== undefined && state !== 'paused' && state !== 'error';
      });
      await bulk(anyRunning ? 'pause' : 'resume', ids);
    },
  };
}

export function useTorrentActions(): TorrentActions {
  const app = useApp();
  return useMemo(() => createActions(app), [app]);
}
