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
