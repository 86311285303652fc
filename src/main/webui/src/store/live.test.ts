import { describe, expect, it, vi } from 'vitest';
import type { EventEntry } from '../api/frames';
import type { ServerEvent } from '../api/types';
import { session, torrent } from '../test/fixtures';
import { createLiveStore, defaultScheduler, EVENTS_CAP, HISTORY_CAP } from './live';
import { REHEARSAL_TORRENTS, rehearseUpdates } from './reduce';

function setup() {
  const requestResync = vi.fn();
  let now = 1000;
  const store = createLiveStore({ requestResync, now: () => now, schedule: (commit) => commit() });
  return { store, requestResync, tick: (ms = 1000) => (now += ms) };
}

const snapshot = (seq: number, torrents = [torrent(1), torrent(2), torrent(3)], extra = {}): ServerEvent => ({
  type: 'snapshot', seq, torrents, session: session({ downloadRate: 100, uploadRate: 10 }), ...extra,
});
const update = (seq: number, parts: Partial<Extract<ServerEvent, { type: 'update' }>> = {}): ServerEvent => ({
  type: 'update', seq, torrents: [], added: [], removed: [], session: {}, ...parts,
});
const event = (id: number): EventEntry => ({ id, kind: 'torrent.completed', torrent: 'a', name: `n${id}`, at: '2026-01-01T00:00:00Z', message: null });

describe('live store', () => {
  it('replacesEverythingOnSnapshot', () => {
    const { store } = setup();
    store.ingest(snapshot(1));
    const s = store.getState();
    expect(s.order).toEqual([torrent(1).id, torrent(2).id, torrent(3).id]);
    expect(s.torrents.size).toBe(3);
    expect(s.session?.downloadRate).toBe(100);
    expect(s.seq).toBe(1);
    expect(s.lastFrameAt).toBe(1000);
    store.ingest(snapshot(7, [torrent(9)]));
    expect(store.getState().order).toEqual([torrent(9).id]);
  });

  it('mergesAnUpdateIntoANewObjectForTheChangedTorrentOnly', () => {
    const { store } = setup();
    store.ingest(snapshot(1));
    const before = store.getState();
    const [a, b, c] = before.order;
    const [oldA, oldB, oldC] = [a!, b!, c!].map((id) => before.torrents.get(id));

    store.ingest(update(2, { torrents: [{ id: b!, progress: 0.75, downloadRate: 5 }], session: { downloadRate: 7 } }));

    const after = store.getState();
    expect(after.torrents.get(b!)).toMatchObject({ progress: 0.75, downloadRate: 5, name: 'Torrent 00002' });
    expect(after.torrents.get(b!)).not.toBe(oldB);
    expect(oldB).toMatchObject({ progress: torrent(2).progress }); // the old object is never written
    expect(after.torrents.get(a!)).toBe(oldA);
    expect(after.torrents.get(c!)).toBe(oldC);
    expect(after.changes).toEqual([{ id: b!, before: oldB, after: after.torrents.get(b!) }]);
    expect(after.order).toBe(before.order); // same ids: same array
    expect(after.session).toMatchObject({ downloadRate: 7, uploadRate: 10 });
    expect(after.version).toBe(before.version + 1);
  });

  it('addsAndRemovesTorrents', () => {
    const { store } = setup();
    store.ingest(snapshot(1));
    store.ingest(update(2, { added: [torrent(4)], removed: [torrent(1).id] }));
    const s = store.getState();
    expect(s.order).toEqual([torrent(2).id, torrent(3).id, torrent(4).id]);
    expect(s.torrents.has(torrent(1).id)).toBe(false);
    expect(s.torrents.get(torrent(4).id)?.name).toBe('Torrent 00004');
  });

  it('asksForAResyncOnAGapAndIgnoresUpdatesUntilTheNextSnapshot', () => {
    const { store, requestResync } = setup();
    store.ingest(snapshot(1));
    store.ingest(update(3, { torrents: [{ id: torrent(1).id, progress: 1 }] }));
    expect(requestResync).toHaveBeenCalledTimes(1);
    expect(store.getState().torrents.get(torrent(1).id)?.progress).toBe(0.5);

    store.ingest(update(4, { torrents: [{ id: torrent(1).id, progress: 0.9 }] }));
    expect(store.getState().torrents.get(torrent(1).id)?.progress).toBe(0.5);
    expect(requestResync).toHaveBeenCalledTimes(1);

    store.ingest(snapshot(5, [torrent(1, { progress: 0.95 })]));
    store.ingest(update(6, { torrents: [{ id: torrent(1).id, progress: 0.96 }] }));
    expect(store.getState().torrents.get(torrent(1).id)?.progress).toBe(0.96);
  });

  it('treatsAHeartbeatAheadOfTheLastSeqAsAGap', () => {
    const { store, requestResync } = setup();
    store.ingest(snapshot(1));
    store.ingest({ type: 'heartbeat', seq: 1 });
    expect(requestResync).not.toHaveBeenCalled();
    store.ingest({ type: 'heartbeat', seq: 2 });
    expect(requestResync).toHaveBeenCalledTimes(1);
  });

  it('waitsForTheSnapshotOfANewConnection', () => {
    const { store, requestResync } = setup();
    store.ingest(snapshot(40));
    store.ingest({ type: 'hello', name: 'bitquark', version: '1' });
    store.ingest(update(41));
    expect(requestResync).not.toHaveBeenCalled(); // the server sends the snapshot by itself
    store.ingest(snapshot(1));
    store.ingest(update(2, { added: [torrent(5)] }));
    expect(store.getState().torrents.has(torrent(5).id)).toBe(true);
  });

  it('appendsOneHistoryPointPerFrameUpToTheCap', () => {
    const { store, tick } = setup();
    store.ingest(snapshot(1));
    for (let seq = 2; seq < HISTORY_CAP + 50; seq++) {
      tick();
      store.ingest(update(seq, { session: { downloadRate: seq } }));
      store.ingest({ type: 'heartbeat', seq });
    }
    const { history } = store.getState();
    expect(history.times.length).toBe(HISTORY_CAP);
    expect(history.download.length).toBe(HISTORY_CAP);
    expect(history.times.at(-1)).toBeGreaterThan(history.times[0]!);
  });

  it('takesTheServersHistoryAndEventsFromTheSnapshot', () => {
    const { store } = setup();
    const history = { times: [1, 2, 3], download: [10, 20, 30], upload: [1, 2, 3] };
    store.ingest(snapshot(1, [], { history, events: [event(2), event(1), event(2)] }));
    expect(store.getState().history).toEqual(history);
    expect(store.getState().events.map((e) => e.id)).toEqual([1, 2]);
  });

  it('appendsEventsDedupedByIdAndCapped', () => {
    const { store } = setup();
    store.ingest(snapshot(1));
    for (let id = 1; id <= EVENTS_CAP + 20; id++) store.ingest({ type: 'event', event: event(id) });
    store.ingest({ type: 'event', event: event(EVENTS_CAP + 20) });
    const ids = store.getState().events.map((e) => e.id);
    expect(ids).toHaveLength(EVENTS_CAP);
    expect(ids[0]).toBe(21);
    expect(new Set(ids).size).toBe(EVENTS_CAP);
  });

  it('commitsABurstOfFramesOnce', () => {
    const commits: (() => void)[] = [];
    const store = createLiveStore({ schedule: (commit) => commits.push(commit) });
    const listener = vi.fn();
    store.subscribe(listener);
    store.ingest(snapshot(1));
    for (let seq = 2; seq <= 50; seq++) store.ingest(update(seq, { torrents: [{ id: torrent(1).id, downloadRate: seq }] }));
    expect(commits).toHaveLength(1);
    expect(listener).not.toHaveBeenCalled();
    commits[0]!();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().torrents.get(torrent(1).id)?.downloadRate).toBe(50);
  });

  it('commitsASnapshotWithoutWaitingForTheFrameAlreadyAskedFor', () => {
    const asked: { commit: () => void; soon: boolean }[] = [];
    const store = createLiveStore({ schedule: (commit, soon) => asked.push({ commit, soon: soon === true }) });
    store.ingest({ type: 'heartbeat', seq: 0 } as ServerEvent);
    store.ingest(snapshot(1));
    store.ingest(update(2, { torrents: [{ id: torrent(1).id, downloadRate: 7 }] }));
    expect(asked.map((a) => a.soon)).toEqual([false, true]);
    asked[1]!.commit();
    expect(store.getState().torrents.get(torrent(1).id)?.downloadRate).toBe(7);
    asked[0]!.commit(); // the frame's commit finds nothing left to apply
    expect(store.getState().torrents.get(torrent(1).id)?.downloadRate).toBe(7);
    store.ingest(update(3, { torrents: [{ id: torrent(1).id, downloadRate: 8 }] }));
    expect(asked.map((a) => a.soon)).toEqual([false, true, false]);
  });

  it('rehearsesAnUpdateWhenIdleAfterASnapshotWithoutTouchingTheState', () => {
    const idle: (() => void)[] = [];
    const store = createLiveStore({ schedule: (commit) => commit(), whenIdle: (work) => idle.push(work) });
    const many = Array.from({ length: REHEARSAL_TORRENTS + 50 }, (_, i) => torrent(i + 1));
    store.ingest(snapshot(1, many));
    expect(idle).toHaveLength(1);
    store.ingest(update(2, { torrents: [{ id: many[0]!.id, downloadRate: 5 }] }));
    expect(idle).toHaveLength(1); // only after a snapshot
    const before = store.getState();
    const objects = [...before.torrents.values()];
    idle[0]!();
    const after = store.getState();
    expect(after).toBe(before);
    expect([...after.torrents.values()]).toEqual(objects);
    expect([...after.torrents.values()].every((t, i) => t === objects[i])).toBe(true);
    expect(after.torrents.get(many[1]!.id)?.downloadRate).toBe(many[1]!.downloadRate);
    expect(rehearseUpdates(after, 2)).toBe(2 * REHEARSAL_TORRENTS);
    expect(rehearseUpdates(createLiveStore().getState())).toBe(0); // nothing to rehearse before a snapshot
  });

  it('feedsFromAnEventsClientAndResyncsThroughIt', () => {
    const { store } = setup();
    const listeners: ((e: ServerEvent) => void)[] = [];
    const send = vi.fn(() => true);
    const events = { onEvent: (l: (e: ServerEvent) => void) => (listeners.push(l), () => {}), send };
    store.attach(events as never);
    listeners[0]!(snapshot(1));
    listeners[0]!(update(5));
    expect(send).toHaveBeenCalledWith({ type: 'resync' });
  });

  it('commitsInATaskOfItsOwnAfterTheAnimationFrame', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    try {
      const order: string[] = [];
      defaultScheduler(() => order.push('first'));
      defaultScheduler(() => order.push('second'));
      expect(frames).toHaveLength(2);
      frames[0]!(0);
      frames[1]!(0);
      order.push('frame done');
      await Promise.resolve();
      expect(order).toEqual(['frame done']); // not in the frame's task, nor in a microtask of it
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(order).toEqual(['frame done', 'first', 'second']);
      defaultScheduler(() => order.push('snapshot'), true);
      expect(frames).toHaveLength(2); // no frame waited for
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(order).toEqual(['frame done', 'first', 'second', 'snapshot']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
