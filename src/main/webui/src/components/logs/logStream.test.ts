import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocketFactory } from '../../test/FakeWebSocket';
import type { LogLine } from './logLine';
import { LogStream, logsUrl, type LogStreamState } from './logStream';
import { logFrame } from './testLines';

const URL = 'ws://localhost:3030/api/v1/logs?tail=1000';

describe('logsUrl', () => {
  it('followsThePageScheme', () => {
    expect(logsUrl({ protocol: 'http:', host: 'localhost:3030' })).toBe(URL);
    expect(logsUrl({ protocol: 'https:', host: 'bq.example' }, 50)).toBe('wss://bq.example/api/v1/logs?tail=50');
  });
});

describe('LogStream', () => {
  let factory: ReturnType<typeof fakeWebSocketFactory>;
  let stream: LogStream;
  let lines: Omit<LogLine, 'id'>[];
  let states: LogStreamState[];

  const close = (code: number, reason = '') =>
    factory.latest().onclose?.(new CloseEvent('close', { code, reason, wasClean: code !== 1006 }));

  beforeEach(() => {
    vi.useFakeTimers();
    factory = fakeWebSocketFactory();
    lines = [];
    states = [];
    stream = new LogStream({ url: URL, webSocket: factory.webSocket, initialBackoffMs: 1000, maxBackoffMs: 8000 }, (l) => lines.push(l));
    stream.onStateChange((s) => states.push(s));
  });
  afterEach(() => {
    stream.stop();
    vi.useRealTimers();
  });

  it('connectsAndPassesOnLogLinesOnly', () => {
    stream.start();
    expect(factory.latest().url).toBe(URL);
    expect(stream.state.status).toBe('connecting');
    factory.latest().open();
    expect(stream.state.status).toBe('connected');
    factory.latest().receive(logFrame({ message: 'hello' }));
    factory.latest().receive('{"type":"other"}');
    factory.latest().receive('garbage');
    expect(lines.map((l) => l.message)).toEqual(['hello']);
  });

  it('reconnectsAfterACloseShowingCodeAndReason', () => {
    stream.start();
    factory.latest().open();
    close(1013, 'too many log tail clients');
    expect(stream.state).toEqual({ status: 'reconnecting', code: 1013, reason: 'too many log tail clients', delayMs: 1000 });
    expect(factory.sockets).toHaveLength(1);

    vi.advanceTimersByTime(999);
    expect(factory.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(2);
    expect(stream.state.status).toBe('connecting');
    factory.latest().open();
    factory.latest().receive(logFrame());
    expect(lines).toHaveLength(1);
  });

  it('backsOffWhileConnectionsBringNoLineAndStartsOverAfterOne', () => {
    stream.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      factory.latest().open(); // opened, then refused: not a success
      close(1013, 'too many log tail clients');
      const s = stream.state;
      delays.push(s.status === 'reconnecting' ? s.delayMs : -1);
      vi.advanceTimersByTime(s.status === 'reconnecting' ? s.delayMs : 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);

    factory.latest().open();
    factory.latest().receive(logFrame());
    close(1006);
    expect(stream.state).toMatchObject({ status: 'reconnecting', code: 1006, delayMs: 1000 });
  });

  it('reconnectsAtOnceOnRequest', () => {
    stream.start();
    close(1006);
    stream.reconnectNow();
    expect(factory.sockets).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(2);
  });

  it('closesTheSocketAndStopsReconnectingOnStop', () => {
    stream.start();
    const socket = factory.latest();
    socket.open();
    stream.stop();
    expect(socket.closedByClient).toEqual({ code: 1000, reason: 'page closed' });
    expect(stream.state.status).toBe('closed');
    vi.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);
    // Start again (React runs effects twice in development).
    stream.start();
    expect(factory.sockets).toHaveLength(2);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected', 'closed', 'connecting']);
  });
});
