export type { ConnectionState, HelloEvent, Schemas, ServerEvent, VersionInfo } from './types';
export { EventsClient, EVENTS_PATH, eventsUrl } from './EventsClient';
export type {
  EventsClientOptions,
  ServerEventListener,
  StateListener,
  WebSocketConstructor,
  WebSocketLike,
} from './EventsClient';
export { parseServerEvent } from './serverEvent';
export { fetchVersion, VERSION_PATH, VersionError } from './version';
export { AuthError, checkSession, login, LOGIN_PATH, SESSION_PATH } from './auth';
export type { LoginResult } from './auth';
export { ApiRequestError, createRest, magnetUri, metainfoUrl, playlistUrl, torrentPath, TORRENTS_PATH } from './rest';
export type { BulkAction, BulkRequest, BulkResponse, BulkResult, LimitsChange, Rest, RestOptions, TorrentChange } from './rest';
export type * from './frames';
export type { ApiErrorBody, SessionStatsDto, TorrentDto } from './types';
