import type { components } from '../../api/schema';
import { parseTags } from '../../api/labels';
import { limitBytes } from '../../format';
import type { PriorityChange } from './fileTree';

type S = components['schemas'];
export type TorrentPreview = S['TorrentPreview'];
export type TorrentDto = S['TorrentDto'];
export type FileDto = S['FileDto'];
export type SpaceDto = S['SpaceDto'];
export type TorrentChange = S['TorrentChange'];

const TORRENTS = '/api/v1/torrents';
export const torrentUrl = (id: string) => `${TORRENTS}/${encodeURIComponent(id)}`;

/** A refused request: `code` is the API's `ApiError.error` (`bad_folder`, `duplicate`, …), `network` or `http_<status>`. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
  }
}

type Body = { json: unknown } | { form: FormData } | undefined;

/**
 * One same-origin request (the session cookie goes along; the browser sets Origin, which the
 * server checks). JSON answers are parsed, 204/202 give `undefined`, errors throw {@link ApiFailure}.
 * Kept apart from `api/rest.ts` so these dialogs depend only on the server's contract.
 */
export async function call<T>(method: string, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined && 'json' in body) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body.json);
  } else if (body !== undefined) {
    init.body = body.form; // the browser writes the multipart boundary itself
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiFailure(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    let code = `http_${response.status}`;
    let message = `HTTP ${response.status}`;
    try {
      const parsed = (await response.json()) as Partial<S['ApiError']>;
      if (typeof parsed.error === 'string') code = parsed.error;
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    throw new ApiFailure(response.status, code, message);
  }
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface AddOptions {
  readonly folder: string;
  readonly paused: boolean;
  readonly sequential: boolean;
  /** The first and last piece of each wanted file before the rest (qBittorrent's "first and last pieces first"). */
  readonly firstLastPiecePriority: boolean;
  /** Per-torrent limits as typed, in the limit unit (KiB/s unless the preferences say otherwise); empty or 0 = unlimited. */
  readonly downloadLimitText: string;
  readonly uploadLimitText: string;
  /** A category's name ('' none); one the server does not know is created, and without a folder the torrent is saved in its folder. */
  readonly category: string;
  /** Tags as typed, separated by commas (see parseTags). */
  readonly tags: string;
}

function optionFields(options: AddOptions): Record<string, string> {
  const out: Record<string, string> = {
    paused: String(options.paused),
    sequential: String(options.sequential),
    firstLastPiecePriority: String(options.firstLastPiecePriority),
  };
  if (options.folder.trim() !== '') out.outputFolder = options.folder.trim();
  if (options.category.trim() !== '') out.category = options.category.trim();
  const tags = parseTags(options.tags);
  if (tags.length > 0) out.tags = tags.join(',');
  const down = limitBytes(options.downloadLimitText) ?? 0;
  const up = limitBytes(options.uploadLimitText) ?? 0;
  if (down > 0) out.downloadLimit = String(down);
  if (up > 0) out.uploadLimit = String(up);
  return out;
}

/** A .torrent upload as the form `AddTorrentForm`: part `torrent` plus the options as text fields. */
function torrentForm(file: File, fields: Record<string, string>): FormData {
  const form = new FormData();
  form.append('torrent', file, file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

/** Parses a .torrent without adding it (`listOnly`). */
export const previewFile = (file: File) =>
  call<TorrentPreview>('POST', TORRENTS, { form: torrentForm(file, { listOnly: 'true' }) });

/** Describes a magnet link (no metadata: name and hash only) or a URL the server fetches (`listOnly`). */
export const previewSource = (source: string) =>
  call<TorrentPreview>('POST', TORRENTS, { json: { source, listOnly: true } });

/** Adds a .torrent with its options and file priorities (form field `files`, JSON). */
export function addFile(file: File, options: AddOptions, files: readonly PriorityChange[]) {
  const fields = optionFields(options);
  if (files.length > 0) fields.files = JSON.stringify(files);
  return call<TorrentDto>('POST', TORRENTS, { form: torrentForm(file, fields) });
}

/**
 * Adds a URL or magnet link (`AddTorrentRequest`). The server refuses `files` for a magnet (no
 * file list yet), so magnets are added without them and get their priorities through PATCH later;
 * `stopAfterMetadata` makes the server hold a magnet paused once its metadata came, before it
 * checks or writes anything, so the files chosen then are the only ones ever written.
 */
export function addSource(
  source: string,
  options: AddOptions,
  files: readonly PriorityChange[] = [],
  stopAfterMetadata = false,
) {
  const down = limitBytes(options.downloadLimitText) ?? 0;
  const up = limitBytes(options.uploadLimitText) ?? 0;
  const tags = parseTags(options.tags);
  const body: S['AddTorrentRequest'] = {
    source,
    paused: options.paused,
    ...(stopAfterMetadata ? { stopAfterMetadata: true } : {}),
    ...(down > 0 ? { downloadLimit: down } : {}),
    ...(up > 0 ? { uploadLimit: up } : {}),
    sequential: options.sequential,
    firstLastPiecePriority: options.firstLastPiecePriority,
    ...(options.folder.trim() === '' ? {} : { outputFolder: options.folder.trim() }),
    ...(options.category.trim() === '' ? {} : { category: options.category.trim() }),
    ...(tags.length > 0 ? { tags } : {}),
    ...(files.length > 0 ? { files: files.map((f) => ({ index: f.index, priority: f.priority })) } : {}),
  };
  return call<TorrentDto>('POST', TORRENTS, { json: body });
}

/** Free space at a save folder; `bad_folder` (400) when it lies outside the download folder. */
export const space = (folder: string) =>
  call<SpaceDto>('GET', folder.trim() === '' ? '/api/v1/session/space' : `/api/v1/session/space?folder=${encodeURIComponent(folder.trim())}`);

export const getTorrent = (id: string) => call<TorrentDto>('GET', torrentUrl(id));
export const getFiles = (id: string) => call<FileDto[]>('GET', `${torrentUrl(id)}/files`);
export const setFilePriorities = (id: string, files: readonly PriorityChange[]) =>
  call<FileDto[]>('PATCH', `${torrentUrl(id)}/files`, { json: { files } });
export const pauseTorrent = (id: string) => call<void>('POST', `${torrentUrl(id)}/pause`);
export const resumeTorrent = (id: string) => call<void>('POST', `${torrentUrl(id)}/resume`);
export const removeTorrent = (id: string, deleteFiles: boolean) =>
  call<void>('DELETE', `${torrentUrl(id)}?deleteFiles=${deleteFiles}`);
export const setTorrentLimits = (id: string, downloadLimit: number, uploadLimit: number) =>
  call<TorrentDto>('PUT', `${torrentUrl(id)}/limits`, { json: { downloadLimit, uploadLimit } });
export const moveTorrent = (id: string, outputFolder: string) =>
  call<TorrentDto>('POST', `${torrentUrl(id)}/move`, { json: { outputFolder } });
/** Creates a category unless it exists (a 409 means it does); answers its folder relative to the download folder. */
export async function ensureCategory(name: string): Promise<string> {
  const known = (await call<S['CategoryDto'][] | undefined>('GET', '/api/v1/categories')) ?? [];
  const found = known.find((c) => c.name === name);
  if (found !== undefined) return found.folder || name;
  try {
    await call('POST', '/api/v1/categories', { json: { name, folder: '' } });
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 409)) throw error;
  }
  return name; // "" as its folder: one named after it
}
export const changeTorrent = (id: string, change: TorrentChange) =>
  call<TorrentDto>('PATCH', torrentUrl(id), { json: change });
export const getPieces = (id: string) =>
  call<{ pieceCount: number; pieceLength: number; havePieces: number; have: string }>('GET', `${torrentUrl(id)}/pieces`);
