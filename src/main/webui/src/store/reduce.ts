import type { EventEntry, SpeedHistory } from '../api/frames';
import type { ServerEvent, SessionStatsDto, TorrentDto } from '../api/types';

/** Points kept in `history`: 10 minutes at 1 Hz, as the server keeps. */
export const HISTORY_CAP = 600;
/** Events kept for the notification centre, as the server keeps. */
export const EVENTS_CAP = 100;

export interface LiveState {
  /** Every torrent by id; a torrent's object is replaced (never mutated) when one of its fields changes. */
  readonly torrents: ReadonlyMap<string, TorrentDto>;
  /** Ids in the server's order (snapshot order, new ones appended); a new array only when ids come or go. */
  readonly order: readonly string[];
  /** Bumped on every commit that changed any torrent: cheap "did anything change" for derived data. */
  readonly version: number;
  readonly session: SessionStatsDto | null;
  readonly history: SpeedHistory;
  /** Clock time of the last snapshot, update, heartbeat or event applied; `null` before the first. */
  readonly lastFrameAt: number | null;
  /** Last ≤100 server events, oldest first, unique by id. */
  readonly events: readonly EventEntry[];
  /** seq of the last snapshot or update applied; `null` until a snapshot arrives. */
  readonly seq: number | null;
  /** True from a gap (or a new connection) until the next snapshot: updates are ignored meanwhile. */
  readonly awaitingSnapshot: boolean;
}

export const initialLiveState = (): LiveState => ({
  torrents: new Map(),
  order: [],
  version: 0,
  session: null,
  history: { times: [], download: [], upload: [] },
  lastFrameAt: null,
  events: [],
  seq: null,
  awaitingSnapshot: true,
});

export interface ReduceContext {
  readonly now: number;
  /** Called (at most once per gap) when an update does not follow the last seq. */
  readonly requestResync: () => void;
}

function appendPoint(h: SpeedHistory, time: number, session: SessionStatsDto | null): SpeedHistory {
  const cut = h.times.length >= HISTORY_CAP ? h.times.length - HISTORY_CAP + 1 : 0;
  return {
    times: [...h.times.slice(cut), time],
    download: [...h.download.slice(cut), session?.downloadRate ?? 0],
    upload: [...h.upload.slice(cut), session?.uploadRate ?? 0],
  };
}

function capHistory(h: SpeedHistory): SpeedHistory {
  const n = Math.min(h.times.length, h.download.length, h.upload.length);
  const from = Math.max(0, n - HISTORY_CAP);
  return { times: h.times.slice(from, n), download: h.download.slice(from, n), upload: h.upload.slice(from, n) };
}

export function mergeEvents(current: readonly EventEntry[], incoming: readonly EventEntry[]): readonly EventEntry[] {
  if (incoming.length === 0) return current;
  const byId = new Map<number, EventEntry>();
  for (const e of current) byId.set(e.id, e);
  let changed = false;
  for (const e of incoming) {
    if (!byId.has(e.id)) changed = true;
    byId.set(e.id, e);
  }
  if (!changed) return current;
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-EVENTS_CAP);
}

/**
 * Applies a batch of frames in order and returns the next state (the same object when nothing
 * changed). One new Map per batch, not per frame, and a new object only for each torrent that
 * changed: rows subscribed by id re-render only for their own torrent.
 */
export function reduceFrames(state: LiveState, frames: readonly ServerEvent[], ctx: ReduceContext): LiveState {
  let s = state;
  let torrents: Map<string, TorrentDto> | null = null; // this batch's private copy, made on first write
  let orderDirty = false;
  let torrentsChanged = false;
  const writable = (): Map<string, TorrentDto> => (torrents ??= new Map(s.torrents));

  for (const frame of frames) {
    switch (frame.type) {
      case 'hello':
        // A new connection numbers its frames from scratch and starts with a snapshot of its own.
        s = { ...s, seq: null, awaitingSnapshot: true };
        break;
      case 'snapshot': {
        torrents = new Map(frame.torrents.map((t) => [t.id, t]));
        torrentsChanged = true;
        orderDirty = false;
        s = {
          ...s,
          order: frame.torrents.map((t) => t.id),
          session: frame.session,
          seq: frame.seq,
          awaitingSnapshot: false,
          lastFrameAt: ctx.now,
          history: frame.history ? capHistory(frame.history) : appendPoint(s.history, ctx.now, frame.session),
          events: frame.events ? mergeEvents([], frame.events) : s.events,
        };
        break;
      }
      case 'update': {
        if (s.awaitingSnapshot) {
          s = { ...s, lastFrameAt: ctx.now };
          break;
        }
        if (s.seq === null || frame.seq !== s.seq + 1) {
          ctx.requestResync();
          s = { ...s, awaitingSnapshot: true, lastFrameAt: ctx.now };
          break;
        }
        const map = writable();
        for (const change of frame.torrents) {
          const old = map.get(change.id);
          if (old !== undefined) map.set(change.id, { ...old, ...change } as TorrentDto);
        }
        for (const t of frame.added) {
          if (!map.has(t.id)) orderDirty = true;
          map.set(t.id, t);
        }
        for (const id of frame.removed) {
          if (map.delete(id)) orderDirty = true;
        }
        torrentsChanged = torrentsChanged || frame.torrents.length + frame.added.length + frame.removed.length > 0;
        // An empty session change keeps the object, so session widgets do not re-render for nothing.
        const session =
          s.session === null || Object.keys(frame.session).length === 0
            ? s.session
            : ({ ...s.session, ...frame.session } as SessionStatsDto);
        s = {
          ...s,
          seq: frame.seq,
          session,
          lastFrameAt: ctx.now,
          history: appendPoint(s.history, ctx.now, session),
        };
        if (orderDirty) {
          // New ids go to the end in arrival order; removed ones leave.
          const kept = s.order.filter((id) => map.has(id));
          const known = new Set(kept);
          for (const t of frame.added) if (!known.has(t.id)) kept.push(t.id);
          s = { ...s, order: kept };
          orderDirty = false;
        }
        break;
      }
      case 'heartbeat':
        if (!s.awaitingSnapshot && s.seq !== null && frame.seq > s.seq) {
          // The heartbeat repeats the last seq sent: a higher one means an update was lost.
          ctx.requestResync();
          s = { ...s, awaitingSnapshot: true };
        }
        s = { ...s, lastFrameAt: ctx.now, history: appendPoint(s.history, ctx.now, s.session) };
        break;
      case 'event':
        s = { ...s, lastFrameAt: ctx.now, events: mergeEvents(s.events, [frame.event]) };
        break;
      default:
        break; // peers, files, trackers, pieces and errors belong to their views, not the list
    }
  }
  if (torrentsChanged && torrents !== null) {
    s = { ...s, torrents, version: s.version + 1 };
  }
  return s;
}
