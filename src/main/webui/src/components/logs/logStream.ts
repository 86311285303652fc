import type { WebSocketConstructor, WebSocketLike } from '../../api';
import { parseLogFrame, type LogLine } from './logLine';

export const LOGS_PATH = '/api/v1/logs';
/** Lines of backlog asked for on every connect: the server's whole ring, so a reconnect fills the gap. */
export const DEFAULT_TAIL = 1000;

/** Same-origin URL of the live log (ws: beside http:, wss: beside https:); the session cookie goes along. */
export function logsUrl(location: Pick<Location, 'protocol' | 'host'>, tail = DEFAULT_TAIL): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${LOGS_PATH}?tail=${tail}`;
}

export type LogStreamState =
  | { readonly status: 'connecting' }
  | { readonly status: 'connected' }
  /** The socket closed (`code`, `reason` as the server or browser gave them); trying again in `delayMs`. */
  | { readonly status: 'reconnecting'; readonly code: number; readonly reason: string; readonly delayMs: number }
  /** Stopped by the page; nothing more happens until start(). */
  | { readonly status: 'closed'; readonly code: number; readonly reason: string };

export interface LogStreamOptions {
  readonly url: string;
  /** Defaults to the global `WebSocket` (read when the stream is made, so tests can stub it). */
  readonly webSocket?: WebSocketConstructor;
  /** First delay after a close; doubles per attempt that brings no line. Default 1000 ms. */
  readonly initialBackoffMs?: number;
  /** Upper bound of the delay. Default 30000 ms. */
  readonly maxBackoffMs?: number;
}

/**
 * Keeps one socket to `/api/v1/logs` while started and hands every log line to `onLine`. After a
 * close it waits and connects again. The delay doubles up to `maxBackoffMs` and goes back to the
 * start only once a connection brings a line, not when it merely opens: the server accepts a socket
 * before refusing it with 1013 ("too many log tail clients"), and a retry every second would keep
 * the slot contested. No watchdog: the log may be silent for hours, so silence proves nothing.
 */
export class LogStream {
  private readonly url: string;
  private readonly webSocket: WebSocketConstructor;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly onLine: (line: Omit<LogLine, 'id'>) => void;
  private readonly listeners = new Set<(state: LogStreamState) => void>();

  private socket: WebSocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private backoffMs: number;
  private running = false;
  private current: LogStreamState = { status: 'closed', code: 1000, reason: '' };

  constructor(options: LogStreamOptions, onLine: (line: Omit<LogLine, 'id'>) => void) {
    this.url = options.url;
    this.webSocket = options.webSocket ?? WebSocket;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = Math.max(this.initialBackoffMs, options.maxBackoffMs ?? 30_000);
    this.backoffMs = this.initialBackoffMs;
    this.onLine = onLine;
  }

  get state(): LogStreamState {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoffMs = this.initialBackoffMs;
    this.connect();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.cancelTimer();
    this.drop(1000, 'page closed');
    this.setState({ status: 'closed', code: 1000, reason: '' });
  }

  /** Skips the wait of a pending reconnect (the user's "Reconnect now"). */
  reconnectNow(): void {
    if (!this.running || this.current.status !== 'reconnecting') return;
    this.cancelTimer();
    this.connect();
  }

  onStateChange(listener: (state: LogStreamState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    this.setState({ status: 'connecting' });
    let socket: WebSocketLike;
    try {
      socket = new this.webSocket(this.url);
    } catch (error) {
      // A malformed URL or a blocked port: retried like a refused connection rather than left dead.
      this.scheduleReconnect(1006, error instanceof Error ? error.message : String(error));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket === socket) this.setState({ status: 'connected' });
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      const line = parseLogFrame(message.data);
      if (line === null) return;
      this.backoffMs = this.initialBackoffMs;
      this.onLine(line);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect(event.code, event.reason ?? '');
    };
    // An error is always followed by a close, which does the bookkeeping.
    socket.onerror = () => {};
  }

  private scheduleReconnect(code: number, reason: string): void {
    if (!this.running) return;
    const delayMs = this.backoffMs;
    this.backoffMs = Math.min(delayMs * 2, this.maxBackoffMs);
    this.setState({ status: 'reconnecting', code, reason, delayMs });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) this.connect();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private drop(code: number, reason: string): void {
    const socket = this.socket;
    if (socket === null) return;
    this.socket = null;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    socket.close(code, reason);
  }

  private setState(state: LogStreamState): void {
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
