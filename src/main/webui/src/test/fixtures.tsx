import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { EventsClient } from '../api/EventsClient';
import type { Rest } from '../api/rest';
import type { SessionStatsDto, TorrentDto } from '../api/types';
import { AppContext, createAppApi, type AppApi } from '../context';
import { createLiveStore } from '../store/live';
import { fakeWebSocketFactory } from './FakeWebSocket';

/** A torrent with plausible values; `i` makes the id and name unique. */
export function torrent(i: number, overrides: Partial<TorrentDto> = {}): TorrentDto {
  const name = `Torrent ${String(i).padStart(5, '0')}`;
  return {
    id: i.toString(16).padStart(40, '0'),
    name,
    state: 'live',
    finished: false,
    error: null,
    progress: 0.5,
    totalBytes: 1 << 30,
    wantedBytes: 1 << 30,
    verifiedBytes: 1 << 29,
    pieceCount: 1024,
    havePieces: 512,
    checkedFraction: 0,
    downloadRate: 1000,
    uploadRate: 10,
    downloadedTotal: 1 << 29,
    uploadedTotal: 1 << 20,
    ratio: 0.1,
    peersConnected: 3,
    peersKnown: 40,
    seedsConnected: 1,
    etaSeconds: 600,
    fastResumed: false,
    checkedPieces: 0,
    saveDir: '/data',
    downloadLimit: 0,
    uploadLimit: 0,
    sequential: false,
    maxConnections: 50,
    addedAt: '2026-01-01T00:00:00Z',
    completedAt: null,
    peersBySource: {},
    category: null,
    tags: [],
    seedGoals: { ratio: -2, seedingMinutes: -2, idleMinutes: -2 },
    effectiveSeedGoals: { ratio: -1, seedingMinutes: -1, idleMinutes: -1 },
    goalReached: null,
    forced: false,
    firstLastPiecePriority: false,
    queuePosition: 0,
    downloadingSeconds: 0,
    seedingSeconds: 0,
    lastActivityAt: null,
    contentName: name,
    customName: false,
    ...overrides,
  };
}

export function session(overrides: Partial<SessionStatsDto> = {}): SessionStatsDto {
  return {
    torrents: 0, metadata: 0, checking: 0, live: 0, seeding: 0, paused: 0, error: 0,
    downloadRate: 0, uploadRate: 0, downloadedTotal: 0, uploadedTotal: 0, peersConnected: 0,
    connections: 0, downloadLimit: 0, uploadLimit: 0, maxConnections: 0, maxConcurrentChecks: 0,
    checksWaiting: 0, hashFailures: 0, diskQueue: 0, announcesOk: 0, announcesFailed: 0, incomingPeers: 0,
    queued: 0, queueing: false,
    ...overrides,
  };
}

/** A Rest whose every method is a resolved mock; override the ones a test looks at. */
export function mockRest(overrides: Partial<Rest> = {}): Rest {
  const ok = () => vi.fn(() => Promise.resolve(undefined as never));
  return {
    request: ok(), listTorrents: ok(), getTorrent: ok(), pause: ok(), resume: ok(), recheck: ok(),
    reannounce: ok(), remove: ok(), change: ok(), move: ok(), setLimits: ok(),
    bulk: vi.fn((req) => Promise.resolve({ results: req.ids.map((id: string) => ({ id, ok: true })) })),
    sessionStats: ok(), logout: ok(),
    ...overrides,
  };
}

/** An app API with a synchronous store (no animation-frame batching) and a fake socket. */
export function testApi(rest: Rest = mockRest()): AppApi & { sockets: ReturnType<typeof fakeWebSocketFactory> } {
  const sockets = fakeWebSocketFactory();
  const events = new EventsClient({ url: 'ws://localhost/api/v1/events', webSocket: sockets.webSocket });
  const store = createLiveStore({ schedule: (commit) => commit() });
  return Object.assign(createAppApi({ events, store, rest }), { sockets });
}

/** Loads `torrents` into the store as a snapshot. */
export function loadSnapshot(api: AppApi, torrents: readonly TorrentDto[], seq = 1): void {
  api.store.ingest({ type: 'snapshot', seq, torrents: [...torrents], session: session() });
}

export function renderWithApp(ui: ReactElement, api: AppApi = testApi()): RenderResult & { api: AppApi } {
  return Object.assign(render(<AppContext.Provider value={api}>{ui}</AppContext.Provider>), { api });
}

/** jsdom lays nothing out; give scroll containers a viewport so the virtualiser renders rows. */
export function fakeViewport(height = 800, width = 1200): () => void {
  const h = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const w = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  return () => {
    if (h) Object.defineProperty(HTMLElement.prototype, 'clientHeight', h);
    if (w) Object.defineProperty(HTMLElement.prototype, 'clientWidth', w);
  };
}
