import type { LogLine } from './logLine';

/** Lines kept in the page; the oldest go first. The server's own ring holds 1,000. */
export const MAX_LINES = 5000;

type Frame = Omit<LogLine, 'id'>;

/**
 * The client-side log: at most `capacity` lines, oldest dropped first, plus Pause. While paused the
 * view stays as it was and new lines are still kept (and counted), so Resume loses nothing that
 * still fits.
 *
 * After a reconnect the server replays its backlog, which overlaps what is already here: a line is
 * kept only if its seq is past the last one kept or its time is later than any kept line. The time
 * rule lets a restarted server (whose seq starts again at 1) through; the seq rule alone would drop
 * everything it says until it passes the old count.
 */
export class LogBuffer {
  private lines: LogLine[] = [];
  private cache: readonly LogLine[] | null = null;
  private frozen: readonly LogLine[] | null = null;
  private arrived = 0;
  private nextId = 1;
  private lastSeq = Number.NEGATIVE_INFINITY;
  private lastTime = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<() => void>();
  readonly capacity: number;

  constructor(capacity: number = MAX_LINES) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Adds a line unless it repeats one already seen; returns whether it was kept. */
  push(frame: Frame): boolean {
    const time = Date.parse(frame.time);
    const later = !Number.isNaN(time) && time > this.lastTime;
    if (frame.seq <= this.lastSeq && !later) return false;
    this.lastSeq = frame.seq;
    if (later) this.lastTime = time;
    this.lines.push({ ...frame, id: this.nextId++ });
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    this.cache = null;
    if (this.frozen !== null) this.arrived++;
    this.emit();
    return true;
  }

  /** What the page shows: every kept line, or while paused the lines as they were at Pause. */
  view(): readonly LogLine[] {
    if (this.frozen !== null) return this.frozen;
    this.cache ??= this.lines.slice();
    return this.cache;
  }

  /** Lines kept so far (at most `capacity`), paused or not. */
  get size(): number {
    return this.lines.length;
  }

  get paused(): boolean {
    return this.frozen !== null;
  }

  /** Lines that arrived since Pause (also those already dropped again by the cap). */
  get arrivedWhilePaused(): number {
    return this.arrived;
  }

  pause(): void {
    if (this.frozen !== null) return;
    this.frozen = this.view();
    this.arrived = 0;
    this.emit();
  }

  resume(): void {
    if (this.frozen === null) return;
    this.frozen = null;
    this.arrived = 0;
    this.emit();
  }

  /** Calls `listener` after every change; returns the function that removes it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Index of the first line whose id is `id` or later in `lines` (ordered by id), `lines.length` if
 * none: where a line the user was reading is now, after older lines were dropped or a filter changed.
 */
export function indexOfId(lines: readonly LogLine[], id: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
