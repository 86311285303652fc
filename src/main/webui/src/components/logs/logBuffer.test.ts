import { describe, expect, it, vi } from 'vitest';
import { indexOfId, LogBuffer, MAX_LINES } from './logBuffer';
import type { LogLine } from './logLine';

const T0 = Date.UTC(2026, 0, 1);
const frame = (seq: number, ms = seq): Omit<LogLine, 'id'> => ({
  seq, time: new Date(T0 + ms).toISOString(), level: 'INFO', category: 'c', thread: null, message: `m${seq}`,
});
const seqs = (lines: readonly LogLine[]) => lines.map((l) => l.seq);

describe('LogBuffer', () => {
  it('keepsAtMostFiveThousandLinesDroppingTheOldest', () => {
    const buffer = new LogBuffer();
    for (let i = 1; i <= MAX_LINES + 250; i++) buffer.push(frame(i));
    const view = buffer.view();
    expect(MAX_LINES).toBe(5000);
    expect(view).toHaveLength(5000);
    expect(view[0]!.seq).toBe(251);
    expect(view.at(-1)!.seq).toBe(5250);
    expect(buffer.size).toBe(5000);
  });

  it('givesEveryLineAnIncreasingIdAndTheSameViewUntilItChanges', () => {
    const buffer = new LogBuffer(3);
    buffer.push(frame(1));
    buffer.push(frame(2));
    const first = buffer.view();
    expect(buffer.view()).toBe(first);
    buffer.push(frame(3));
    expect(buffer.view()).not.toBe(first);
    expect(buffer.view().map((l) => l.id)).toEqual([1, 2, 3]);
  });

  it('freezesTheViewWhilePausedAndCountsWhatArrives', () => {
    const buffer = new LogBuffer(4);
    const changes = vi.fn();
    buffer.onChange(changes);
    buffer.push(frame(1));
    buffer.push(frame(2));
    buffer.pause();
    expect(buffer.paused).toBe(true);
    for (let i = 3; i <= 9; i++) buffer.push(frame(i));
    expect(seqs(buffer.view())).toEqual([1, 2]);
    // Seven arrived; the cap of four still applies to what is kept meanwhile.
    expect(buffer.arrivedWhilePaused).toBe(7);
    expect(buffer.size).toBe(4);

    buffer.resume();
    expect(buffer.arrivedWhilePaused).toBe(0);
    expect(seqs(buffer.view())).toEqual([6, 7, 8, 9]);
    expect(changes).toHaveBeenCalledTimes(2 + 1 + 7 + 1);
  });

  it('skipsTheBacklogAReconnectReplays', () => {
    const buffer = new LogBuffer();
    [1, 2, 3].forEach((i) => buffer.push(frame(i)));
    // The server sends its ring again: 2 and 3 are known, 4 and 5 were missed while away.
    expect([2, 3, 4, 5].map((i) => buffer.push(frame(i)))).toEqual([false, false, true, true]);
    expect(seqs(buffer.view())).toEqual([1, 2, 3, 4, 5]);
  });

  it('acceptsARestartedServerWhoseSeqStartsAgain', () => {
    const buffer = new LogBuffer();
    buffer.push(frame(500, 10));
    expect(buffer.push(frame(1, 60_000))).toBe(true);
    expect(buffer.push(frame(2, 60_001))).toBe(true);
    expect(seqs(buffer.view())).toEqual([500, 1, 2]);
  });

  it('findsWhereALineIsAfterOthersWereDropped', () => {
    const buffer = new LogBuffer(3);
    [1, 2, 3, 4, 5].forEach((i) => buffer.push(frame(i)));
    const view = buffer.view(); // ids 3, 4, 5
    expect(indexOfId(view, 4)).toBe(1);
    expect(indexOfId(view, 1)).toBe(0);
    expect(indexOfId(view, 99)).toBe(3);
  });
});
