import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocketFactory } from '../test/FakeWebSocket';
import { EventsClient } from './EventsClient';
import type { ServerEvent } from './types';

const URL = 'ws://localhost:3030/api/v1/events';

describe('EventsClient send, watchdog, jitter and subscriptions', () => {
  let factory: ReturnType<typeof fakeWebSocketFactory>;
  let now: number;
  let client: EventsClient;

  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_000_000;
    factory = fakeWebSocketFactory();
    client = new EventsClient({ url: URL, webSocket: factory.webSocket, random: () => 0, now: () => now });
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  it('sendsJsonOnlyWhileTheSocketIsOpen', () => {
    expect(client.send({ type: 'resync' })).toBe(false);
    client.start();
    expect(client.send({ type: 'resync' })).toBe(false);
    factory.latest().open();
    expect(client.send({ type: 'resync' })).toBe(true);
    expect(factory.latest().sent).toEqual([{ type: 'resync' }]);
    factory.latest().serverClose();
    expect(client.send({ type: 'resync' })).toBe(false);
  });

  it('tellsTheServerWhenThePageIsHiddenAndAgainAfterAReconnect', () => {
    client.start();
    factory.latest().hello();
    client.setHidden(true);
    client.setHidden(true); // no change, nothing sent
    expect(factory.latest().sent).toEqual([{ type: 'visibility', hidden: true }]);
    factory.latest().serverClose();
    vi.advanceTimersByTime(60_000);
    factory.latest().hello();
    expect(factory.latest().sent).toEqual([{ type: 'visibility', hidden: true }]);
    client.setHidden(false);
    expect(factory.latest().sent).toEqual([{ type: 'visibility', hidden: true }, { type: 'visibility', hidden: false }]);
  });

  it('forwardsEveryFrameTypeAndIgnoresUnknownOnes', () => {
    const seen: ServerEvent['type'][] = [];
    client.onEvent((e) => seen.push(e.type));
    client.start();
    const socket = factory.latest();
    socket.hello();
    socket.receive('{"type":"heartbeat","seq":4}');
    socket.receive('{"type":"peers","torrent":"a","peers":[]}');
    socket.receive('{"type":"files","torrent":"a","files":[]}');
    socket.receive('{"type":"trackers","torrent":"a","trackers":[]}');
    socket.receive('{"type":"pieces","torrent":"a","pieceCount":8,"havePieces":1,"have":"gA=="}');
    socket.receive('{"type":"event","event":{"id":1,"kind":"torrent.added","torrent":"a","name":"x","at":"2026-01-01T00:00:00Z"}}');
    socket.receive('{"type":"error","error":"bad_json","message":"no"}');
    socket.receive('{"type":"from-the-future"}');
    expect(seen).toEqual(['hello', 'heartbeat', 'peers', 'files', 'trackers', 'pieces', 'event', 'error']);
  });

  it('reportsTheAgeOfTheLastFrame', () => {
    client.start();
    expect(client.lastFrameAgeMs()).toBeNull();
    factory.latest().hello();
    now += 4200;
    expect(client.lastFrameAgeMs()).toBe(4200);
    factory.latest().receive('{"type":"heartbeat","seq":1}');
    expect(client.lastFrameAgeMs()).toBe(0);
  });

  it('closesAndReconnectsAfterThreeSilentHeartbeatPeriods', () => {
    client.start();
    const socket = factory.latest();
    socket.hello();
    vi.advanceTimersByTime(10_000);
    socket.receive('{"type":"heartbeat","seq":1}'); // resets the watchdog
    vi.advanceTimersByTime(14_999);
    expect(socket.closedByClient).toBeNull();
    vi.advanceTimersByTime(1);
    expect(socket.closedByClient?.code).toBe(4000);
    expect(client.state).toBe('disconnected');
    vi.advanceTimersByTime(1000);
    expect(factory.sockets).toHaveLength(2);
  });

  it('givesTheFirstFrameALongerBudget', () => {
    client.start();
    vi.advanceTimersByTime(29_999);
    expect(factory.latest().closedByClient).toBeNull();
    vi.advanceTimersByTime(1);
    expect(factory.latest().closedByClient?.code).toBe(4000);
  });

  it('takesARandomPartOffTheReconnectDelay', () => {
    const jittered = new EventsClient({ url: URL, webSocket: factory.webSocket, random: () => 0.5, jitter: 0.3 });
    jittered.start();
    factory.latest().serverClose();
    vi.advanceTimersByTime(849);
    expect(factory.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1); // 1000 × (1 − 0.3 × 0.5)
    expect(factory.sockets).toHaveLength(2);
    jittered.stop();
  });

  it('subscribesWithTheUnionOfTopicsAndRenewsAfterReconnect', () => {
    client.start();
    factory.latest().hello();
    const stopA = client.subscribe('abc', ['peers']);
    const stopB = client.subscribe('abc', ['files', 'peers']);
    expect(factory.latest().sent.at(-1)).toEqual({ type: 'subscribe', torrent: 'abc', topics: ['peers', 'files'] });

    factory.latest().serverClose();
    vi.advanceTimersByTime(1000);
    factory.latest().hello();
    expect(factory.latest().sent).toEqual([{ type: 'subscribe', torrent: 'abc', topics: ['peers', 'files'] }]);

    stopB();
    expect(factory.latest().sent.at(-1)).toEqual({ type: 'subscribe', torrent: 'abc', topics: ['peers'] });
    stopA();
    expect(factory.latest().sent.at(-1)).toEqual({ type: 'unsubscribe', torrent: 'abc' });
    stopA();
    expect(factory.latest().sent).toHaveLength(3);
  });
});
