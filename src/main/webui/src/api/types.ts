import type { components } from './schema';
import type { ServerFrame } from './frames';

/** The API's schemas, generated from the server's OpenAPI document (`npm run api:types`); never written by hand. */
export type Schemas = components['schemas'];

/** Body of `GET /api/v1/version`. */
export type VersionInfo = Schemas['VersionDto'];

/** First frame the server sends on every `/api/v1/events` WebSocket, right after it opens. */
export type HelloEvent = Schemas['HelloFrame'];

/** Every frame the server may push over `/api/v1/events` (see frames.ts). */
export type ServerEvent = ServerFrame;

export type TorrentDto = Schemas['TorrentDto'];
export type SessionStatsDto = Schemas['SessionStatsDto'];
export type ApiErrorBody = Schemas['ApiError'];

/**
 * State of the live event connection as shown to the user (UI state, not part of the API).
 * `connected` means the server's hello arrived, not merely that the socket opened.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';
