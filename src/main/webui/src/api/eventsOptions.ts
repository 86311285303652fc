/** The part of the browser `WebSocket` that {@link EventsClient} uses; lets tests supply a fake. */
export interface WebSocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface EventsClientOptions {
  /** Absolute ws: or wss: URL; see {@link eventsUrl}. */
  readonly url: string;
  /** Defaults to the global `WebSocket`. */
  readonly webSocket?: WebSocketConstructor;
  /** Delay before the first reconnect attempt; doubles per failed attempt. Default 1000 ms. */
  readonly initialBackoffMs?: number;
  /** Upper bound of the reconnect delay. Default 30000 ms. */
  readonly maxBackoffMs?: number;
  /**
   * Longest gap between the server's frames (it sends a heartbeat at least this often). The
   * watchdog closes and reconnects after three times this without a frame. Default 5000 ms.
   */
  readonly heartbeatMs?: number;
  /**
   * Budget for the first frame of a connection, longer than the watchdog's: a server that just
   * restarted (or many tabs reconnecting at once) may take a while to say hello. Default 30000 ms.
   */
  readonly firstFrameTimeoutMs?: number;
  /** Fraction of each reconnect delay that is randomised (taken off), 0..1. Default 0.3. */
  readonly jitter?: number;
  /** Source of randomness for the jitter, [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** Clock for the age of the last frame. Default `Date.now`. */
  readonly now?: () => number;
}
