import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventsClient } from '../api/EventsClient';
import type { ServerEvent } from '../api/types';
import { initialLiveState, reduceFrames, rehearseUpdates, type LiveState } from './reduce';

export type { FilterCounts, LiveState, TorrentChange } from './reduce';
export type { LabelCounts } from './labelCounts';
export { countByFilter, EVENTS_CAP, HISTORY_CAP, initialLiveState, reduceFrames } from './reduce';
export {
  useHistory,
  useLiveEvents,
  useFilterCounts,
  useLabelCounts,
  useLiveSelector,
  useLiveVersion,
  useSession,
  useTorrent,
  useTorrentIds,
} from './hooks';

/**
 * Schedules one commit; the default waits for the next animation frame, or only for the next task
 * when `soon` (a snapshot arrived).
 */
export type Scheduler = (commit: () => void, soon?: boolean) => void;

export interface LiveStoreOptions {
  /** Asks the server for a fresh snapshot after a seq gap; usually `events.send({type:'resync'})`. */
  readonly requestResync?: () => void;
  /** Clock for `lastFrameAt` and history points. Default `Date.now`. */
  readonly now?: () => number;
  /** How a commit is deferred; tests pass `(commit) => commit()` or collect and run by hand. */
  readonly schedule?: Scheduler;
  /**
   * Runs work when the page is idle; after a snapshot the store rehearses an update there
   * ({@link rehearseUpdates}). Default `requestIdleCallback` (a timer without it); tests pass their own.
   */
  readonly whenIdle?: (work: () => void) => void;
}

/** The live data as a zustand vanilla store, plus the feed that fills it from server frames. */
export type LiveStore = StoreApi<LiveState> & {
  /** Queues a frame; all frames queued before the next scheduled commit are applied in one `setState`. */
  ingest(frame: ServerEvent): void;
  /** Applies every queued frame now (tests; also before reading the state synchronously). */
  flush(): void;
  /** Feeds every event of `events` into this store, resyncing through it; returns the detach function. */
  attach(events: EventsClient): () => void;
  /** Replaces the resync callback (set by `attach`). */
  setRequestResync(requestResync: () => void): void;
};

/**
 * Runs `task` in a task of its own once the next frame has been presented (a message posted from an
 * animation frame callback runs after that frame's rendering). A commit run inside the animation
 * frame callback itself shares one task with everything else that frame renders: a scroll step's
 * rows, style and layout; the first update after a snapshot (cold code, every row on screen
 * changed) plus a scroll step made one task of 51–65 ms. Apart, neither comes near 50 ms, and the
 * frame the user sees is not held back by the commit.
 */
function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => nextTask(task));
}

/** Runs `task` in a new task, before timers (no 4 ms clamp) and without waiting for a frame. */
function nextTask(task: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(task, 0);
    return;
  }
  if (taskChannel === undefined) {
    taskChannel = new MessageChannel();
    taskChannel.port1.onmessage = () => taskQueue.shift()?.();
  }
  taskQueue.push(task);
  taskChannel.port2.postMessage(null);
}

const taskQueue: (() => void)[] = [];
let taskChannel: MessageChannel | undefined;

/**
 * One commit per animation frame while the page is shown, run in its own task right after the
 * frame is presented ({@link afterNextPaint}); while it is hidden browsers stop animation frames,
 * so a timer keeps the queue from growing for as long as the tab stays in the background. A
 * snapshot (`soon`) is committed in the next task instead: it is the first screen (or the screen
 * after a resync), and waiting for a frame only delays it.
 */
export const defaultScheduler: Scheduler = (commit, soon) => {
  if (soon) {
    nextTask(commit);
  } else if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
    setTimeout(commit, 500);
  } else if (typeof requestAnimationFrame === 'function') {
    afterNextPaint(commit);
  } else {
    setTimeout(commit, 16);
  }
};

/** `requestIdleCallback` where the browser has it (bounded: it runs within 1 s even on a busy page). */
export const defaultWhenIdle = (work: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1000 });
  else setTimeout(work, 200);
};

/** Name of the performance measure of one commit (frames applied and rendered); see {@link measuring}. */
export const APPLY_MEASURE = 'bitquark:apply';
/** The part of {@link APPLY_MEASURE} before rendering: the frames reduced and every subscriber's selector asked. */
export const REDUCE_MEASURE = 'bitquark:reduce';

/**
 * Whether commits are measured: only when a page sets `window.__bitquarkMeasure` (the scale test
 * does), since measures pile up in the browser's performance timeline for as long as the page lives.
 */
function measuring(): boolean {
  return typeof window !== 'undefined' && (window as { __bitquarkMeasure?: boolean }).__bitquarkMeasure === true;
}

export function createLiveStore(options: LiveStoreOptions = {}): LiveStore {
  const store = createStore<LiveState>()(() => initialLiveState());
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? defaultScheduler;
  const whenIdle = options.whenIdle ?? defaultWhenIdle;
  let requestResync = options.requestResync ?? (() => {});
  let pending: ServerEvent[] = [];
  let scheduled = false;
  let scheduledSoon = false;

  const flush = () => {
    scheduled = false;
    scheduledSoon = false;
    if (pending.length === 0) return;
    const frames = pending;
    pending = [];
    const t0 = measuring() ? performance.now() : -1;
    const current = store.getState();
    const next = reduceFrames(current, frames, { now: now(), requestResync: () => requestResync() });
    if (next !== current) store.setState(next, true);
    if (next.changes === null && next.version !== current.version) {
      // A snapshot: the next update runs code that has not run yet; rehearse it while the page is idle.
      whenIdle(() => rehearseUpdates(store.getState()));
    }
    if (t0 >= 0) performance.measure(REDUCE_MEASURE, { start: t0 });
    // React renders what a store change asks for in a microtask queued by setState: one queued now runs
    // after it, so the measure covers applying the frames and rendering them (the scale test reads it).
    if (t0 >= 0) queueMicrotask(() => performance.measure(APPLY_MEASURE, { start: t0 }));
  };

  const ingest = (frame: ServerEvent) => {
    pending.push(frame);
    if (frame.type === 'snapshot' && !scheduledSoon) {
      // Also when a commit is already scheduled for the next frame: the first that runs takes every frame queued.
      scheduled = true;
      scheduledSoon = true;
      schedule(flush, true);
    } else if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };

  const attach = (events: EventsClient) => {
    requestResync = () => {
      events.send({ type: 'resync' });
    };
    return events.onEvent(ingest);
  };

  return Object.assign(store, {
    ingest,
    flush,
    attach,
    setRequestResync: (callback: () => void) => {
      requestResync = callback;
    },
  });
}
