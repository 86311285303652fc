import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocketFactory } from '../test/FakeWebSocket';
import type { ConnectionState, ServerEvent } from './types';
import { EventsClient, eventsUrl } from './EventsClient';

const URL = 'ws://localhost:3030/api/v1/events';

describe('eventsUrl', () => {
  it('usesWsForPlainHttpPages', () => {
    expect(eventsUrl({ protocol: 'http:', host: 'localhost:3030' })).toBe(URL);
  });

  it('usesWssForHttpsPages', () => {
    expect(eventsUrl({ protocol: 'https:', host: 'bq.example:8443' })).toBe(
      'wss://bq.example:8443/api/v1/events',
    );
  });
});

describe('EventsClient', () => {
  let factory: ReturnType<typeof fakeWebSocketFactory>;
  let client: EventsClient;
  let states: ConnectionState[];

  beforeEach(() => {
    vi.useFakeTimers();
    factory = fakeWebSocketFactory();
    // No jitter (random() = 0 takes nothing off), so delays are exact; jitter has its own test.
    client = new EventsClient({ url: URL, webSocket: factory.webSocket, random: () => 0 });
    states = [];
    client.onStateChange((state) => states.push(state));
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  it('isDisconnectedAndOpensNothingBeforeStart', () => {
    expect(client.state).toBe('disconnected');
    expect(factory.sockets).toHaveLength(0);
  });

  it('opensOneSocketToTheUrlAndReportsConnectingOnStart', () => {
    client.start();
    client.start();

    expect(factory.sockets).toHaveLength(1);
    expect(factory.latest().url).toBe(URL);
    expect(client.state).toBe('connecting');
    expect(states).toEqual(['connecting']);
  });

  it('staysConnectingWhenTheSocketOpensWithoutHello', () => {
    client.start();
    factory.latest().open();

    expect(client.state).toBe('connecting');
  });

  it('becomesConnectedAndForwardsTheEventWhenHelloArrives', () => {
    const events: ServerEvent[] = [];
    client.onEvent((event) => events.push(event));
    client.start();

    factory.latest().hello('0.1.0');

    expect(client.state).toBe('connected');
    expect(states).toEqual(['connecting', 'connected']);
    expect(events).toEqual([{ type: 'hello', name: 'bitquark', version: '0.1.0' }]);
  });

  it('ignoresMalformedAndUnknownMessages', () => {
    const events: ServerEvent[] = [];
    client.onEvent((event) => events.push(event));
    client.start();
    const socket = factory.latest();
    socket.open();

    socket.receive('not json');
    socket.receive('{"type":"hello","name":"bitquark"}');
    socket.receive('{"type":"torrent-added","id":1}');
    socket.receive('[]');

    expect(client.state).toBe('connecting');
    expect(events).toEqual([]);
  });

  it('reportsDisconnectedOnCloseAndReconnectsAfterOneSecond', () => {
    client.start();
    factory.latest().hello();

    factory.latest().serverClose();

    expect(client.state).toBe('disconnected');
    vi.advanceTimersByTime(999);
    expect(factory.sockets).toHaveLength(1);

    vi.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(2);
    expect(client.state).toBe('connecting');

    factory.latest().hello();
    expect(client.state).toBe('connected');
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
  });

  it('doublesTheReconnectDelayPerFailedAttemptUpToThirtySeconds', () => {
    client.start();
    const delays: number[] = [];

    for (let attempt = 0; attempt < 7; attempt++) {
      const before = factory.sockets.length;
      factory.latest().serverClose();
      let waited = 0;
      while (factory.sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
        expect(waited).toBeLessThanOrEqual(30_000);
      }
      delays.push(waited);
    }

    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('resetsTheBackoffOnceHelloArrives', () => {
    client.start();
    factory.latest().serverClose();
    vi.advanceTimersByTime(1000);
    factory.latest().serverClose();
    vi.advanceTimersByTime(2000);
    expect(client.reconnectDelayMs).toBe(4000);

    factory.latest().hello();
    expect(client.reconnectDelayMs).toBe(1000);

    factory.latest().serverClose();
    vi.advanceTimersByTime(1000);
    expect(factory.sockets).toHaveLength(4);
  });

  it('doesNotResetTheBackoffForASocketThatOpensButSendsNoHello', () => {
    client.start();
    factory.latest().open();
    factory.latest().serverClose();
    vi.advanceTimersByTime(1000);
    factory.latest().open();
    factory.latest().serverClose();

    vi.advanceTimersByTime(1999);
    expect(factory.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(3);
  });

  it('closesTheSocketAndCancelsThePendingReconnectOnStop', () => {
    client.start();
    const first = factory.latest();
    first.hello();
    first.serverClose();

    client.stop();
    vi.advanceTimersByTime(60_000);

    expect(factory.sockets).toHaveLength(1);
    expect(client.state).toBe('disconnected');
  });

  it('closesAnOpenSocketNormallyOnStopAndIgnoresItsLaterEvents', () => {
    const events: ServerEvent[] = [];
    client.onEvent((event) => events.push(event));
    client.start();
    const socket = factory.latest();
    socket.open();

    client.stop();

    expect(socket.closedByClient).toEqual({ code: 1000, reason: 'client stopped' });
    socket.receive(JSON.stringify({ type: 'hello', name: 'bitquark', version: '0.1.0' }));
    socket.serverClose(1000);
    vi.advanceTimersByTime(60_000);
    expect(events).toEqual([]);
    expect(client.state).toBe('disconnected');
    expect(factory.sockets).toHaveLength(1);
  });

  it('connectsAgainWhenStartedAfterStop', () => {
    client.start();
    client.stop();
    client.start();

    expect(factory.sockets).toHaveLength(2);
    factory.latest().hello();
    expect(client.state).toBe('connected');
  });

  it('retriesWhenTheWebSocketConstructorThrows', () => {
    let failures = 1;
    const sockets = fakeWebSocketFactory();
    const flaky = class extends sockets.webSocket {
      constructor(url: string) {
        if (failures-- > 0) throw new SyntaxError('blocked');
        super(url);
      }
    };
    const retrying = new EventsClient({ url: URL, webSocket: flaky, random: () => 0 });

    retrying.start();
    expect(retrying.state).toBe('disconnected');
    vi.advanceTimersByTime(1000);
    expect(sockets.sockets).toHaveLength(1);
    expect(retrying.state).toBe('connecting');
    retrying.stop();
  });

  it('stopsNotifyingAListenerAfterItUnsubscribes', () => {
    const seen: ConnectionState[] = [];
    const unsubscribe = client.onStateChange((state) => seen.push(state));
    client.start();
    unsubscribe();
    factory.latest().hello();

    expect(seen).toEqual(['connecting']);
  });

  it('rejectsABackoffRangeThatIsEmptyOrNotPositive', () => {
    expect(() => new EventsClient({ url: URL, initialBackoffMs: 0 })).toThrow(RangeError);
    expect(() => new EventsClient({ url: URL, initialBackoffMs: 5000, maxBackoffMs: 1000 })).toThrow(
      /initialBackoffMs <= maxBackoffMs/,
    );
    expect(() => new EventsClient({ url: URL, initialBackoffMs: Number.NaN })).toThrow(RangeError);
  });
});
