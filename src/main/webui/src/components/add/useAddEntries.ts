import { useCallback, useEffect, useRef, useState } from 'react';
import { parseTags } from '../../api/labels';
import { limitBytes } from '../../format';
import * as api from './addApi';
import { errorText, type AddOptions } from './addApi';
import { fromTorrent, infoOfPreview, isAddable, newEntry, treeOfPreview, type Entry, type EntryInput } from './entries';
import { toPriorityChanges } from './fileTree';
import { magnetName, parseSources } from './inputs';
import { tr } from './strings';

/** How often a magnet's torrent is asked whether its metadata came (the first look is at once). */
export const METADATA_POLL_MS = 1000;

export interface AddInputs {
  readonly files?: readonly File[];
  readonly text?: string;
}

export interface EntriesApi {
  readonly entries: readonly Entry[];
  addInputs(input: AddInputs, options: AddOptions): void;
  update(key: string, change: Partial<Entry>): void;
  applyToAll(options: AddOptions): void;
  /** Drops an entry; a magnet torrent added for its metadata is removed from the server too. */
  remove(key: string): void;
  /** Drops every entry (the dialog closes without adding). */
  discardAll(): void;
  /** Keeps a magnet's torrent with all its files, metadata or not; returns its id. */
  addWithoutChoosing(key: string): Promise<string | null>;
  /** Adds every ready entry; returns the ids added and how many entries are left (failures keep their message). */
  commitAll(): Promise<{ ids: string[]; remaining: number }>;
}

/**
 * The torrents of the Add dialog and the server calls behind them. The server parses each input
 * first (`listOnly`). A magnet's listOnly answer has no files (the server cannot fetch metadata
 * without adding), so a magnet is added at once with `stopAfterMetadata`: the server fetches them and
 * then holds the torrent paused, before checking or writing anything, until the user chose; the final
 * Add applies the priorities, folder and options and resumes it. Cancel removes that torrent again.
 */
export function useAddEntries(toast: (message: string, kind?: 'info' | 'error') => void, isKnown: (hash: string) => boolean): EntriesApi {
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const ref = useRef<readonly Entry[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const commit = useCallback((next: readonly Entry[]) => {
    ref.current = next;
    setEntries(next);
  }, []);
  const find = (key: string) => ref.current.find((e) => e.key === key);
  const update = useCallback(
    (key: string, change: Partial<Entry>) => commit(ref.current.map((e) => (e.key === key ? { ...e, ...change } : e))),
    [commit],
  );
  const stopPolling = (key: string) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
  };
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const duplicateOf = (key: string, hash: string, name: string): string | null =>
    isKnown(hash) || ref.current.some((e) => e.key !== key && e.info?.infoHash === hash)
      ? tr('addDialog.duplicate', { name })
      : null;

  const poll = async (key: string): Promise<void> => {
    const entry = find(key);
    if (entry?.status !== 'metadata' || entry.torrentId === null) return;
    const id = entry.torrentId;
    try {
      const torrent = await api.getTorrent(id);
      if (find(key)?.status !== 'metadata') return; // cancelled or added meanwhile
      if (torrent.state === 'error') {
        update(key, { status: 'error', message: torrent.error ?? torrent.state });
        return;
      }
      if (torrent.state === 'metadata') {
        update(key, { peers: torrent.peersConnected });
        timers.current.set(key, setTimeout(() => void poll(key), METADATA_POLL_MS));
        return;
      }
      // The metadata came; the server holds the torrent paused (stopAfterMetadata) until the user chose.
      const [files, pieces] = await Promise.all([api.getFiles(id), api.getPieces(id).catch(() => null)]);
      if (find(key)?.status !== 'metadata') return;
      update(key, { status: 'ready', ...fromTorrent(torrent, files, pieces?.pieceLength ?? 0, entry.info) });
    } catch (error) {
      if (find(key)?.status === 'metadata') update(key, { status: 'error', message: errorText(error) });
    }
  };

  const process = async (entry: Entry): Promise<void> => {
    const { key, input } = entry;
    if (input.kind === 'invalid') return;
    try {
      const preview = input.kind === 'file' ? await api.previewFile(input.file) : await api.previewSource(input.source);
      if (find(key) === undefined) return;
      const info = infoOfPreview(preview, entry.label);
      const duplicate = duplicateOf(key, info.infoHash, info.name);
      if (duplicate !== null) {
        update(key, { status: 'duplicate', message: duplicate, info });
        return;
      }
      if (preview.metadata || input.kind === 'file') {
        update(key, { status: 'ready', info, ...treeOfPreview(preview), base: null });
        return;
      }
      const options = find(key)?.options ?? entry.options;
      update(key, { status: 'metadata', info, since: Date.now() });
      const added = await api.addSource(input.source, { ...options, paused: false }, [], true);
      if (find(key) === undefined) {
        void api.removeTorrent(added.id, true).catch(() => undefined); // cancelled while the add was in flight
        return;
      }
      update(key, { torrentId: added.id, addedWith: options });
      await poll(key);
    } catch (error) {
      if (find(key) === undefined) return;
      const duplicate = error instanceof api.ApiFailure && error.code === 'duplicate';
      update(key, {
        status: duplicate ? 'duplicate' : 'error',
        message: duplicate ? tr('addDialog.duplicate', { name: find(key)?.info?.name ?? entry.label }) : errorText(error),
      });
    }
  };

  const addInputs = (input: AddInputs, options: AddOptions) => {
    const created: Entry[] = [];
    for (const file of input.files ?? []) created.push(newEntry({ kind: 'file', file }, file.name, options));
    for (const line of parseSources(input.text ?? '')) {
      if (ref.current.some((e) => 'source' in e.input && e.input.source === line.source)) continue;
      const entryInput: EntryInput = line;
      const entry = newEntry(entryInput, line.kind === 'magnet' ? (magnetName(line.source) ?? line.source) : line.source, options);
      created.push(line.kind === 'invalid' ? { ...entry, message: tr('addDialog.badInput', { input: line.source }) } : entry);
    }
    commit([...ref.current, ...created]);
    for (const entry of created) void process(entry);
  };

  const drop = (key: string, removeTorrent: boolean) => {
    const entry = find(key);
    stopPolling(key);
    commit(ref.current.filter((e) => e.key !== key));
    if (removeTorrent && entry?.torrentId != null) {
      void api.removeTorrent(entry.torrentId, true).catch((error: unknown) => toast(errorText(error), 'error'));
    }
  };

  const addWithoutChoosing = async (key: string): Promise<string | null> => {
    const entry = find(key);
    if (entry?.torrentId == null) return null;
    drop(key, false);
    // A magnet fetches metadata only while running; paused it waits, as the user asked.
    if (entry.options.paused) await api.pauseTorrent(entry.torrentId).catch(() => undefined);
    else if (entry.status === 'ready') await api.resumeTorrent(entry.torrentId).catch(() => undefined);
    return entry.torrentId;
  };

  const addOne = async (entry: Entry): Promise<string> => {
    const { input, tree, prio, options } = entry;
    const changes = tree !== null && prio !== null ? toPriorityChanges(tree, prio, entry.base ?? undefined) : [];
    if (input.kind === 'file') return (await api.addFile(input.file, options, changes)).id;
    if (entry.torrentId === null) return (await api.addSource(input.source, options, changes)).id;
    // A magnet added earlier to fetch its metadata: apply what the user chose, then let it run.
    const id = entry.torrentId;
    const before = entry.addedWith ?? options;
    if (changes.length > 0) await api.setFilePriorities(id, changes);
    const category = options.category.trim();
    let folder = options.folder.trim();
    if (category !== before.category.trim()) {
      // A PATCH takes existing categories only; an add would have created it, and saved in its folder.
      const categoryFolder = category === '' ? '' : await api.ensureCategory(category);
      await api.changeTorrent(id, { category: category === '' ? null : category });
      if (folder === '' && categoryFolder !== '') folder = categoryFolder;
    }
    if (folder !== before.folder.trim()) await api.moveTorrent(id, folder);
    const flags: api.TorrentChange = {
      ...(options.sequential === before.sequential ? {} : { sequential: options.sequential }),
      ...(options.firstLastPiecePriority === before.firstLastPiecePriority ? {} : { firstLastPiecePriority: options.firstLastPiecePriority }),
    };
    if (Object.keys(flags).length > 0) await api.changeTorrent(id, flags);
    if (parseTags(options.tags).join(',') !== parseTags(before.tags).join(',')) {
      await api.changeTorrent(id, { tags: parseTags(options.tags) });
    }
    if (options.downloadLimitText !== before.downloadLimitText || options.uploadLimitText !== before.uploadLimitText) {
      await api.setTorrentLimits(id, limitBytes(options.downloadLimitText) ?? 0, limitBytes(options.uploadLimitText) ?? 0);
    }
    if (!options.paused) await api.resumeTorrent(id);
    return id;
  };

  const commitAll = async (): Promise<{ ids: string[]; remaining: number }> => {
    const todo = ref.current.filter(isAddable);
    commit(ref.current.map((e) => (isAddable(e) ? { ...e, status: 'adding' as const } : e)));
    const results = await Promise.all(
      todo.map(async (entry) => {
        try {
          const id = await addOne(entry);
          drop(entry.key, false);
          return id;
        } catch (error) {
          const duplicate = error instanceof api.ApiFailure && error.code === 'duplicate';
          const name = entry.info?.name ?? entry.label;
          const message = duplicate ? tr('addDialog.duplicate', { name }) : errorText(error);
          update(entry.key, { status: duplicate ? 'duplicate' : 'error', message });
          toast(tr('addDialog.failed', { name, message }), 'error');
          return null;
        }
      }),
    );
    return { ids: results.filter((id): id is string => id !== null), remaining: ref.current.length };
  };

  return {
    entries,
    addInputs,
    update,
    applyToAll: (options) => commit(ref.current.map((e) => ({ ...e, options }))),
    remove: (key) => drop(key, true),
    discardAll: () => ref.current.forEach((e) => drop(e.key, true)),
    addWithoutChoosing,
    commitAll,
  };
}
