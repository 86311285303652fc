import type { ClientFrame, Topic } from './frames';
import type { EventsClientOptions, WebSocketConstructor, WebSocketLike } from './eventsOptions';
import { parseServerEvent } from './serverEvent';
import type { ConnectionState, ServerEvent } from './types';

export const EVENTS_PATH = '/api/v1/events';

export type { EventsClientOptions, WebSocketConstructor, WebSocketLike } from './eventsOptions';

export type StateListener = (state: ConnectionState) => void;
export type ServerEventListener = (event: ServerEvent) => void;

/**
 * The same-origin URL of the event stream, with ws: for pages served over http: and wss: for https:
 * (browsers refuse a ws: socket from an https: page).
 */
export function eventsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${EVENTS_PATH}`;
}

/**
 * Keeps one WebSocket to `/api/v1/events` open for as long as it is started, and reports the
 * connection state and every server event to its listeners.
 *
 * The state becomes `connected` only once the server's hello arrives, so a proxy that accepts the
 * socket while the server behind it is down does not show as connected. After a close the client
 * waits and reconnects; the delay starts at `initialBackoffMs`, doubles per attempt that ends
 * without a hello, and is capped at `maxBackoffMs`, so a restarting server is not flooded.
 *
 * Single-threaded like all page code; callbacks run on the event loop. `stop()` followed by
 * `start()` is allowed (React runs effects twice in development).
 */
/**
 * Keeps one WebSocket to `/api/v1/events` open for as long as it is started, and reports the
 * connection state and every server event to its listeners.
 *
 * The state becomes `connected` only once the server's hello arrives, so a proxy that accepts the
 * socket while the server behind it is down does not show as connected. After a close the client
 * waits and reconnects; the delay starts at `initialBackoffMs`, doubles per attempt that ends
 * without a hello, is capped at `maxBackoffMs`, and loses a random part (`jitter`) so that many tabs
 * of a restarted server do not all come back in the same instant. A watchdog closes a connection
 * that has been silent for three heartbeats: a half-open TCP connection never fires `close` itself.
 *
 * Single-threaded like all page code; callbacks run on the event loop. `stop()` followed by
 * `start()` is allowed (React runs effects twice in development).
 */
export class EventsClient {
  private readonly url: string;
  private readonly webSocket: WebSocketConstructor;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly watchdogMs: number;
  private readonly firstFrameTimeoutMs: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private readonly now: () => number;

  private readonly stateListeners = new Set<StateListener>();
  private readonly eventListeners = new Set<ServerEventListener>();
  /** The page is hidden (see setHidden); re-sent after every hello. */
  private hidden = false;
  /** Topics wanted per torrent, per subscriber; re-sent after every hello. */
  private readonly subscriptions = new Map<string, Map<symbol, readonly Topic[]>>();

  private socket: WebSocketLike | null = null;
  private socketOpen = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdogTimer: ReturnType<typeof setTimeout> | null = null;
  private nextBackoffMs: number;
  private running = false;
  private currentState: ConnectionState = 'disconnected';
  private lastFrame: number | null = null;
  private everConnected = false;

  constructor(options: EventsClientOptions) {
    this.url = options.url;
    this.webSocket = options.webSocket ?? WebSocket;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.watchdogMs = 3 * (options.heartbeatMs ?? 5000);
    this.firstFrameTimeoutMs = options.firstFrameTimeoutMs ?? 30_000;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.3));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    if (!(this.initialBackoffMs > 0) || !(this.maxBackoffMs >= this.initialBackoffMs)) {
      throw new RangeError(
        `backoff must satisfy 0 < initialBackoffMs <= maxBackoffMs, got ${this.initialBackoffMs} and ${this.maxBackoffMs}`,
      );
    }
    this.nextBackoffMs = this.initialBackoffMs;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Nominal delay (before jitter) the next reconnect attempt will wait after a close. */
  get reconnectDelayMs(): number {
    return this.nextBackoffMs;
  }

  /** When the last frame arrived (epoch ms of the `now` clock), `null` before the first. */
  get lastFrameAt(): number | null {
    return this.lastFrame;
  }

  /** Milliseconds since the last frame, `null` before the first; shown as "updated N s ago". */
  lastFrameAgeMs(): number | null {
    return this.lastFrame === null ? null : Math.max(0, this.now() - this.lastFrame);
  }

  /** Whether a hello ever arrived since `start()`: tells "reconnecting" from "connecting". */
  get hasConnected(): boolean {
    return this.everConnected;
  }

  /** Opens the connection; does nothing if already started. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.nextBackoffMs = this.initialBackoffMs;
    this.connect();
  }

  /** Closes the connection and cancels any pending reconnect; listeners stay registered. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.cancelReconnect();
    this.dropSocket(1000, 'client stopped');
    this.setState('disconnected');
  }

  /**
   * Tells the server whether the page is hidden: while it is, the server sends only the session every
   * few seconds (and events); when it is shown again, a fresh snapshot. Remembered across reconnects.
   */
  setHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    this.send({ type: 'visibility', hidden });
  }

  /** Sends a message as JSON; returns false (and drops it) when the socket is not open. */
  send(message: ClientFrame): boolean {
    const socket = this.socket;
    if (socket === null || !this.socketOpen) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false; // closing under us: the close handler reconnects
    }
  }

  /**
   * Follows `topics` of a torrent (its details view) until the returned function is called. Several
   * callers may follow the same torrent: the server gets the union. Kept across reconnects.
   */
  subscribe(torrent: string, topics: readonly Topic[]): () => void {
    const key = Symbol(torrent);
    let wanted = this.subscriptions.get(torrent);
    if (wanted === undefined) {
      wanted = new Map();
      this.subscriptions.set(torrent, wanted);
    }
    wanted.set(key, [...topics]);
    this.sendSubscription(torrent);
    return () => {
      const current = this.subscriptions.get(torrent);
      if (current === undefined || !current.delete(key)) return;
      if (current.size === 0) {
        this.subscriptions.delete(torrent);
        this.send({ type: 'unsubscribe', torrent });
      } else {
        this.sendSubscription(torrent);
      }
    };
  }

  /** Registers a state listener; returns the function that removes it. */
  onStateChange(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Registers a listener for server events; returns the function that removes it. */
  onEvent(listener: ServerEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private sendSubscription(torrent: string): void {
    const wanted = this.subscriptions.get(torrent);
    if (wanted === undefined) return;
    const topics = new Set<Topic>();
    for (const list of wanted.values()) list.forEach((topic) => topics.add(topic));
    this.send({ type: 'subscribe', torrent, topics: [...topics] });
  }

  private connect(): void {
    this.setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = new this.webSocket(this.url);
    } catch {
      // The constructor throws only for a malformed URL or a blocked port; retrying keeps the
      // behaviour uniform with a refused connection instead of leaving the client dead.
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.socketOpen = false;
    this.armWatchdog(this.firstFrameTimeoutMs);
    socket.onopen = () => {
      if (this.socket === socket) this.socketOpen = true;
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      this.handleMessage(message.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.socketOpen = false;
      this.cancelWatchdog();
      this.scheduleReconnect();
    };
    // An error is always followed by a close, which does the bookkeeping.
    socket.onerror = () => {};
  }

  private handleMessage(data: unknown): void {
    // Any frame, even one this UI cannot read, proves the connection is alive.
    this.lastFrame = this.now();
    this.armWatchdog(this.watchdogMs);
    const event = parseServerEvent(data);
    if (event === null) return;
    if (event.type === 'hello') {
      this.socketOpen = true;
      this.everConnected = true;
      this.nextBackoffMs = this.initialBackoffMs;
      this.setState('connected');
      for (const torrent of this.subscriptions.keys()) this.sendSubscription(torrent);
      if (this.hidden) this.send({ type: 'visibility', hidden: true });
    }
    for (const listener of [...this.eventListeners]) {
      listener(event);
    }
  }

  private armWatchdog(ms: number): void {
    this.cancelWatchdog();
    this.watchdogTimer = setTimeout(() => {
      this.watchdogTimer = null;
      if (!this.running || this.socket === null) return;
      this.dropSocket(4000, `no frame for ${Math.round(ms / 1000)} s`);
      this.scheduleReconnect();
    }, ms);
  }

  private cancelWatchdog(): void {
    if (this.watchdogTimer !== null) {
      clearTimeout(this.watchdogTimer);
      this.watchdogTimer = null;
    }
  }

  private scheduleReconnect(): void {
    this.setState('disconnected');
    if (!this.running) return;
    const nominal = this.nextBackoffMs;
    this.nextBackoffMs = Math.min(nominal * 2, this.maxBackoffMs);
    const delay = Math.round(nominal * (1 - this.jitter * this.random()));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private dropSocket(code: number, reason: string): void {
    this.cancelWatchdog();
    const socket = this.socket;
    if (socket === null) return;
    this.socket = null;
    this.socketOpen = false;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    socket.close(code, reason);
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of [...this.stateListeners]) {
      listener(state);
    }
  }
}
