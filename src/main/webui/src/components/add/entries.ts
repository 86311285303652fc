import type { AddOptions, FileDto, TorrentDto, TorrentPreview } from './addApi';
import { buildTree, prioritiesFrom, type FileTree, type Priority } from './fileTree';

/** One torrent in the dialog: a .torrent file, a magnet link or a URL, and where it stands. */
export type EntryInput =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'magnet' | 'url'; readonly source: string }
  | { readonly kind: 'invalid'; readonly source: string };

export type EntryStatus = 'parsing' | 'metadata' | 'ready' | 'adding' | 'error' | 'duplicate';

/** What the dialog shows about a torrent: from its preview, or, for a magnet, from the torrent once its metadata came. */
export interface EntryInfo {
  readonly infoHash: string;
  readonly name: string;
  readonly totalSize: number;
  readonly pieceLength: number;
  readonly pieceCount: number;
  readonly isPrivate: boolean | null;
  readonly trackers: number;
}

export interface Entry {
  readonly key: string;
  /** Tab label until the name is known: the file name or the source. */
  readonly label: string;
  readonly input: EntryInput;
  readonly status: EntryStatus;
  /** The error or duplicate sentence shown on the entry. */
  readonly message: string | null;
  readonly info: EntryInfo | null;
  readonly tree: FileTree | null;
  readonly prio: Uint8Array | null;
  /** Priorities the server holds already (a magnet added to fetch its metadata): only changes are sent. */
  readonly base: Uint8Array | null;
  /** A magnet's torrent, added so the server fetches its metadata; removed again if the user cancels. */
  readonly torrentId: string | null;
  /** Options that torrent was added with, to apply only what the user changed since. */
  readonly addedWith: AddOptions | null;
  /** When the metadata fetch started (epoch ms), and the peers connected at the last look. */
  readonly since: number | null;
  readonly peers: number;
  readonly options: AddOptions;
}

export const DEFAULT_OPTIONS: AddOptions = {
  folder: '', paused: false, sequential: false, firstLastPiecePriority: false, downloadLimitText: '', uploadLimitText: '',
  category: '', tags: '',
};

let counter = 0;

export function newEntry(input: EntryInput, label: string, options: AddOptions): Entry {
  counter += 1;
  return {
    key: `entry-${counter}`,
    label,
    input,
    status: input.kind === 'invalid' ? 'error' : 'parsing',
    message: null,
    info: null,
    tree: null,
    prio: null,
    base: null,
    torrentId: null,
    addedWith: null,
    since: null,
    peers: 0,
    options,
  };
}

export function infoOfPreview(p: TorrentPreview, fallbackName: string): EntryInfo {
  return {
    infoHash: p.infoHash,
    name: p.name ?? fallbackName,
    totalSize: p.totalSize,
    pieceLength: p.pieceLength,
    pieceCount: p.pieceCount,
    isPrivate: p.metadata ? p.private : null,
    trackers: p.trackers.length,
  };
}

/** The file tree of a preview, every file normal (as the server adds them). */
export function treeOfPreview(p: TorrentPreview): { tree: FileTree; prio: Uint8Array } {
  const tree = buildTree(p.files);
  return { tree, prio: prioritiesFrom(tree, new Map()) };
}

/** A magnet's torrent after its metadata arrived: its files (padding left out) and their current priorities. */
export function fromTorrent(t: TorrentDto, files: readonly FileDto[], pieceLength: number, before: EntryInfo | null) {
  const shown = files.filter((f) => !f.padding);
  const tree = buildTree(shown);
  const base = prioritiesFrom(tree, new Map(shown.map((f) => [f.index, f.priority.toLowerCase() as Priority])));
  const info: EntryInfo = {
    infoHash: t.id,
    name: t.name,
    totalSize: t.totalBytes,
    pieceLength,
    pieceCount: t.pieceCount,
    isPrivate: null,
    trackers: before?.trackers ?? 0,
  };
  return { tree, base, prio: base, info };
}

/** Entries that an Add press sends: parsed and not refused. */
export const isAddable = (e: Entry) => e.status === 'ready';
