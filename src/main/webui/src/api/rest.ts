import type { Schemas, TorrentDto } from './types';

export type BulkRequest = Schemas['BulkRequest'];
export type BulkAction = BulkRequest['action'];
export type BulkResponse = Schemas['BulkResponse'];
export type BulkResult = Schemas['Result'];
export type TorrentChange = Schemas['TorrentChange'];
export type LimitsChange = Schemas['LimitsChange'];
export type SessionStats = Schemas['SessionStatsDto'];

export const TORRENTS_PATH = '/api/v1/torrents';

/** A request the server refused or that never got an answer; `code` is the API's stable error code. */
export class ApiRequestError extends Error {
  /** HTTP status, 0 when the server could not be reached. */
  readonly status: number;
  /** `ApiError.error` (e.g. `unknown_torrent`), or `http_<status>` / `network` when the body had none. */
  readonly code: string;
  /** The request field the server named as the one at fault (`ApiError.field`), e.g. a setting's key. */
  readonly field: string | null;

  constructor(status: number, code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export interface RestOptions {
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Called on any 401: the session expired, so the page should go back to its login form. */
  readonly onUnauthorized?: () => void;
}

/** `/api/v1/torrents/{id}` with the id encoded (ids are 40-hex, but nothing here trusts that). */
export const torrentPath = (id: string): string => `${TORRENTS_PATH}/${encodeURIComponent(id)}`;
/** Link target that downloads the torrent's .torrent file. */
export const metainfoUrl = (id: string): string => `${torrentPath(id)}/metainfo`;
/** Link target of the torrent's M3U playlist of its audio and video files. */
export const playlistUrl = (id: string): string => `${torrentPath(id)}/playlist.m3u8`;

/** A magnet link naming the torrent (trackers are not part of TorrentDto, so DHT/PEX find peers). */
export function magnetUri(torrent: Pick<TorrentDto, 'id' | 'name'>): string {
  return `magnet:?xt=urn:btih:${torrent.id}&dn=${encodeURIComponent(torrent.name)}`;
}

/** Typed helpers for the torrent REST API; every method throws {@link ApiRequestError} on failure. */
export interface Rest {
  /** Any JSON request; `undefined` for 202/204 answers. Exposed for API parts without a helper. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  listTorrents(state?: string): Promise<TorrentDto[]>;
  getTorrent(id: string): Promise<TorrentDto>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  recheck(id: string): Promise<void>;
  reannounce(id: string): Promise<void>;
  remove(id: string, deleteFiles?: boolean): Promise<void>;
  change(id: string, change: TorrentChange): Promise<TorrentDto>;
  move(id: string, outputFolder: string): Promise<TorrentDto>;
  setLimits(id: string, limits: LimitsChange): Promise<TorrentDto>;
  bulk(request: BulkRequest): Promise<BulkResponse>;
  sessionStats(): Promise<SessionStats>;
  logout(): Promise<void>;
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  let code = `http_${response.status}`;
  let message = `HTTP ${response.status}`;
  let field: string | null = null;
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const record = body as Record<string, unknown>;
      if (typeof record.error === 'string') code = record.error;
      if (typeof record.message === 'string') message = record.message;
      if (typeof record.field === 'string') field = record.field;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new ApiRequestError(response.status, code, message, field);
}

export function createRest(options: RestOptions = {}): Rest {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetchImpl(path, init);
    } catch (error) {
      throw new ApiRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401) options.onUnauthorized?.();
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204 || response.status === 202) return undefined as T;
    const text = await response.text();
    return (text.length === 0 ? undefined : JSON.parse(text)) as T;
  }

  const post = (id: string, action: string) => request<void>('POST', `${torrentPath(id)}/${action}`);

  return {
    request,
    listTorrents: (state) =>
      request('GET', state === undefined ? TORRENTS_PATH : `${TORRENTS_PATH}?state=${encodeURIComponent(state)}`),
    getTorrent: (id) => request('GET', torrentPath(id)),
    pause: (id) => post(id, 'pause'),
    resume: (id) => post(id, 'resume'),
    recheck: (id) => post(id, 'recheck'),
    reannounce: (id) => post(id, 'reannounce'),
    remove: (id, deleteFiles = false) => request('DELETE', `${torrentPath(id)}?deleteFiles=${deleteFiles}`),
    change: (id, change) => request('PATCH', torrentPath(id), change),
    move: (id, outputFolder) => request('POST', `${torrentPath(id)}/move`, { outputFolder }),
    setLimits: (id, limits) => request('PUT', `${torrentPath(id)}/limits`, limits),
    bulk: (bulkRequest) => request('POST', `${TORRENTS_PATH}/actions`, bulkRequest),
    sessionStats: () => request('GET', '/api/v1/session/stats'),
    logout: () => request('POST', '/api/v1/auth/logout'),
  };
}
