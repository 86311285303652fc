import { parseServerEvent } from './serverEvent';
import type { ConnectionState, ServerEvent } from './types';

export const EVENTS_PATH = '/api/v1/events';

/** The part of the browser `WebSocket` that {@link EventsClient} uses; lets tests supply a fake. */
export interface WebSocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface EventsClientOptions {
  /** Absolute ws: or wss: URL; see {@link eventsUrl}. */
  readonly url: string;
  /** Defaults to the global `WebSocket`. */
  readonly webSocket?: WebSocketConstructor;
  /** Delay before the first reconnect attempt; doubles per failed attempt. Default 1000 ms. */
  readonly initialBackoffMs?: number;
  /** Upper bound of the reconnect delay. Default 10000 ms. */
  readonly maxBackoffMs?: number;
}

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
export class EventsClient {
  private readonly url: string;
  private readonly webSocket: WebSocketConstructor;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  private readonly stateListeners = new Set<StateListener>();
  private readonly eventListeners = new Set<ServerEventListener>();

  private socket: WebSocketLike | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private nextBackoffMs: number;
  private running = false;
  private currentState: ConnectionState = 'disconnected';

  constructor(options: EventsClientOptions) {
    this.url = options.url;
    this.webSocket = options.webSocket ?? WebSocket;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
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

  /** Delay the next reconnect attempt will wait after a close. */
  get reconnectDelayMs(): number {
    return this.nextBackoffMs;
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
    this.dropSocket();
    this.setState('disconnected');
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
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      this.handleMessage(message.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    // An error is always followed by a close, which does the bookkeeping.
    socket.onerror = () => {};
  }

  private handleMessage(data: unknown): void {
    const event = parseServerEvent(data);
    if (event === null) return;
    if (event.type === 'hello') {
      this.nextBackoffMs = this.initialBackoffMs;
      this.setState('connected');
    }
    for (const listener of [...this.eventListeners]) {
      listener(event);
    }
  }

  private scheduleReconnect(): void {
    this.setState('disconnected');
    if (!this.running) return;
    const delay = this.nextBackoffMs;
    this.nextBackoffMs = Math.min(delay * 2, this.maxBackoffMs);
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

  private dropSocket(): void {
    const socket = this.socket;
    if (socket === null) return;
    this.socket = null;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    socket.close(1000, 'client stopped');
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const listener of [...this.stateListeners]) {
      listener(state);
    }
  }
}
