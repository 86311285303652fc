/** Body of `GET /api/v1/version`. */
export interface VersionInfo {
  readonly name: string;
  readonly version: string;
}

/** First message the server sends on every `/api/v1/events` WebSocket, right after it opens. */
export interface HelloEvent {
  readonly type: 'hello';
  readonly name: string;
  readonly version: string;
}

/** Every message the server may push over `/api/v1/events`; grows as the API does. */
export type ServerEvent = HelloEvent;

/**
 * State of the live event connection as shown to the user.
 * `connected` means the server's hello arrived, not merely that the socket opened.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';
