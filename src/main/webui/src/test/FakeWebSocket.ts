import type { WebSocketConstructor, WebSocketLike } from '../api';

/**
 * In-memory stand-in for the browser WebSocket at the one seam EventsClient exposes for it.
 * Tests play the server side with `open`, `receive` and `serverClose`.
 */
export class FakeWebSocket implements WebSocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  readonly url: string;
  /** Set when the client closed this socket. */
  closedByClient: { code: number | undefined; reason: string | undefined } | null = null;
  /** Every message the client sent, parsed. */
  readonly sent: unknown[] = [];

  constructor(url: string) {
    this.url = url;
  }

  open(): void {
    this.onopen?.(new Event('open'));
  }

  receive(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  hello(version = '0.1.0'): void {
    this.open();
    this.receive(JSON.stringify({ type: 'hello', name: 'bitquark', version }));
  }

  /** The connection failed or the server went away: browsers fire error then close. */
  serverClose(code = 1006): void {
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close', { code, wasClean: code === 1000 }));
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
}

/** A WebSocket constructor that records every socket it creates, newest last. */
export function fakeWebSocketFactory(): {
  readonly sockets: FakeWebSocket[];
  readonly webSocket: WebSocketConstructor;
  latest(): FakeWebSocket;
} {
  const sockets: FakeWebSocket[] = [];
  class RecordingWebSocket extends FakeWebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return {
    sockets,
    webSocket: RecordingWebSocket,
    latest() {
      const socket = sockets.at(-1);
      if (socket === undefined) throw new Error('no WebSocket was created');
      return socket;
    },
  };
}
