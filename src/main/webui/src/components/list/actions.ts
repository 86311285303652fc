import { useMemo } from 'react';
import { createCategory } from '../../api/labels';
import { ApiRequestError, magnetUri, metainfoUrl, playlistUrl, type BulkAction, type BulkRequest, type LimitsChange } from '../../api/rest';
import { useApp, type AppApi } from '../../context';
import { t } from '../../i18n';
import type { Goals } from '../../store/goals';
import type { QueueMove } from './commands';

export type ActionVerb = BulkAction | 'move' | 'limits' | 'sequential' | 'firstLast' | 'tags' | 'seedGoals';
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

/** Outcomes of one request per id that failed as a whole (network, 409): every id failed with its message. */
const allFailed = (ids: readonly string[], error: unknown): Outcome[] => ids.map((id) => ({ id, ok: false, message: messageOf(error) }));

export interface TorrentActions {
  /** Start, pause, recheck, reannounce or remove through the bulk endpoint: one request, one toast. */
  bulk(action: BulkAction, ids: readonly string[], deleteFiles?: boolean): Promise<void>;
  /** Force start on all of them, or off when all of them are forced already (a toggle, as the menu shows it). */
  toggleForceStart(ids: readonly string[]): Promise<void>;
  queue(move: QueueMove, ids: readonly string[]): Promise<void>;
  /** Files them under `category` (created first when it does not exist yet), or under none for null. */
  setCategory(ids: readonly string[], category: string | null): Promise<void>;
  /** Adds and removes tags (new ones join the session): at most two requests, one toast. */
  changeTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<void>;
  /** Sets their own seeding goals, one PATCH each. */
  setSeedGoals(ids: readonly string[], goals: Goals): Promise<void>;
  move(ids: readonly string[], outputFolder: string): Promise<void>;
  setLimits(ids: readonly string[], limits: LimitsChange): Promise<void>;
  /** Sets sequential on all of them to the opposite of the first one's, so a mixed set ends uniform. */
  toggleSequential(ids: readonly string[]): Promise<void>;
  /** First and last pieces first on all of them, or off when all of them have it already (as the menu's tick shows), one PATCH each. */
  toggleFirstLast(ids: readonly string[]): Promise<void>;
  copy(kind: CopyKind, ids: readonly string[]): Promise<void>;
  downloadMetainfo(ids: readonly string[]): void;
  openPlaylist(id: string): void;
  /** Pause if any of them runs, else resume (the P key). */
  pauseOrResume(ids: readonly string[]): Promise<void>;
}

/** One bulk request's outcomes; a request refused as a whole fails every id. */
async function send(app: AppApi, request: BulkRequest): Promise<readonly Outcome[]> {
  try {
    return (await app.rest.bulk(request)).results;
  } catch (error) {
    return allFailed(request.ids, error);
  }
}

/** Per id: ok when every request went through for it, else the first failure's message. */
function merge(ids: readonly string[], parts: readonly (readonly Outcome[])[]): Outcome[] {
  const failed = new Map<string, Outcome>();
  for (const part of parts) for (const o of part) if (!o.ok && !failed.has(o.id)) failed.set(o.id, o);
  return ids.map((id) => failed.get(id) ?? { id, ok: true });
}

/** A conflict on creation means it exists already: what was wanted. */
const existed = (error: unknown) => error instanceof ApiRequestError && error.status === 409;

export function createActions(app: AppApi): TorrentActions {
  const bulk = async (action: BulkAction, ids: readonly string[], deleteFiles = false) => {
    if (ids.length === 0) return;
    report(app, action, await send(app, { action, ids: [...ids], ...(action === 'remove' ? { deleteFiles } : {}) }));
  };
  const torrents = () => app.store.getState().torrents;
  return {
    bulk,
    toggleForceStart: async (ids) => {
      if (ids.length === 0) return;
      const value = !ids.every((id) => torrents().get(id)?.forced === true);
      report(app, 'forceStart', await send(app, { action: 'forceStart', ids: [...ids], value }));
    },
    queue: async (move, ids) => {
      if (ids.length === 0) return;
      report(app, move, await send(app, { action: move, ids: [...ids] }));
    },
    setCategory: async (ids, category) => {
      if (ids.length === 0) return;
      const name = category?.trim() ?? '';
      if (name !== '' && !app.labels.getState().categories.some((c) => c.name === name)) {
        try {
          await createCategory(app.rest, name);
        } catch (error) {
          if (!existed(error)) {
            report(app, 'setCategory', allFailed(ids, error));
            return;
          }
        }
      }
      report(app, 'setCategory', await send(app, { action: 'setCategory', ids: [...ids], category: name === '' ? null : name }));
      void app.labels.refresh();
    },
    changeTags: async (ids, add, remove) => {
      if (ids.length === 0 || (add.length === 0 && remove.length === 0)) return;
      // Tags new to the session join it with the torrents that get them (the server creates them).
      const known = new Set(app.labels.getState().tags);
      const parts: (readonly Outcome[])[] = [];
      if (add.length > 0) parts.push(await send(app, { action: 'addTags', ids: [...ids], tags: [...add] }));
      if (remove.length > 0) parts.push(await send(app, { action: 'removeTags', ids: [...ids], tags: [...remove] }));
      // A single change reads as what it did ("Tagged 2 torrents"); both at once as "Changed the tags".
      const verb = remove.length === 0 ? 'addTags' : add.length === 0 ? 'removeTags' : 'tags';
      report(app, verb, merge(ids, parts));
      if (add.some((tag) => !known.has(tag))) void app.labels.refresh();
    },
    setSeedGoals: async (ids, goals) => report(app, 'seedGoals', await each(ids, (id) => app.rest.change(id, { seedGoals: goals }))),
    move: async (ids, folder) => report(app, 'move', await each(ids, (id) => app.rest.move(id, folder))),
    setLimits: async (ids, limits) => report(app, 'limits', await each(ids, (id) => app.rest.setLimits(id, limits))),
    toggleSequential: async (ids) => {
      const first = app.store.getState().torrents.get(ids[0] ?? '');
      const sequential = !(first?.sequential ?? false);
      report(app, 'sequential', await each(ids, (id) => app.rest.change(id, { sequential })));
    },
    toggleFirstLast: async (ids) => {
      if (ids.length === 0) return;
      const firstLastPiecePriority = !ids.every((id) => torrents().get(id)?.firstLastPiecePriority === true);
      report(app, 'firstLast', await each(ids, (id) => app.rest.change(id, { firstLastPiecePriority })));
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
