import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createToastStore, TOAST_MS } from './toasts';

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resultsLeaveAfterAFewSecondsErrorsStayLongerAndAtMostFourShow', () => {
    const store = createToastStore();
    store.push('Paused 1 torrent', 'success');
    store.push('Could not pause 1 of 1', 'error');
    vi.advanceTimersByTime(TOAST_MS.success);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Could not pause 1 of 1']);
    vi.advanceTimersByTime(TOAST_MS.error - TOAST_MS.success);
    expect(store.getState().toasts).toEqual([]);
    for (let i = 0; i < 6; i++) store.push(`toast ${i}`);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['toast 2', 'toast 3', 'toast 4', 'toast 5']);
  });

  it('canBeDismissedEarly', () => {
    const store = createToastStore();
    const id = store.push('Copied the name');
    store.dismiss(id);
    expect(store.getState().toasts).toEqual([]);
    vi.advanceTimersByTime(TOAST_MS.info); // the timer finding it gone is harmless
    expect(store.getState().toasts).toEqual([]);
  });
});
