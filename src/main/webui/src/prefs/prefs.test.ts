import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getPrefs, parsePrefs, PREF_DEFAULTS, PREFS_KEY, setPrefs, subscribePrefs, usePrefs } from './prefs';

const store = (value: unknown) => window.localStorage.setItem(PREFS_KEY, typeof value === 'string' ? value : JSON.stringify(value));

describe('prefs', () => {
  it('givesTheDefaultsWhenNothingIsStored', () => {
    expect(getPrefs()).toEqual({
      theme: 'system',
      singleKeyShortcuts: true,
      browserNotifications: false,
      speedInTitle: false,
      units: 'binary',
      rateUnits: 'bytes',
      dateFormat: 'locale',
      density: 'comfortable',
    });
    expect(getPrefs()).toBe(PREF_DEFAULTS);
  });

  it('readsValidStoredValues', () => {
    const all = { theme: 'dark', singleKeyShortcuts: false, browserNotifications: true, speedInTitle: true, units: 'decimal',
      rateUnits: 'bits', dateFormat: 'iso', density: 'compact' };
    store(all);
    expect(getPrefs()).toEqual(all);
  });

  it('replacesEachBadFieldByItsDefaultAndKeepsTheGoodOnes', () => {
    store({ theme: 'purple', singleKeyShortcuts: 'no', browserNotifications: 1, speedInTitle: true, units: 'decimal', rateUnits: 'nibbles', dateFormat: 'roman', density: 0, extra: 42 });
    expect(getPrefs()).toEqual({ ...PREF_DEFAULTS, speedInTitle: true, units: 'decimal' });
  });

  it.each(['{not json', 'null', '[]', '42', '"dark"', ''])('fallsBackToTheDefaultsFor %j', (raw) => {
    store(raw);
    expect(getPrefs()).toEqual(PREF_DEFAULTS);
    expect(parsePrefs(raw)).toEqual(PREF_DEFAULTS);
  });

  it('returnsTheSameObjectWhileTheStoredTextIsUnchanged', () => {
    store({ theme: 'light' });
    const first = getPrefs();
    expect(getPrefs()).toBe(first); // useSyncExternalStore would loop otherwise
  });

  it('writesMergedAndValidatedValuesAndNotifies', () => {
    const listener = vi.fn();
    const unsubscribe = subscribePrefs(listener);
    setPrefs({ theme: 'light' });
    setPrefs({ units: 'decimal' });
    expect(JSON.parse(window.localStorage.getItem(PREFS_KEY)!)).toEqual({ ...PREF_DEFAULTS, theme: 'light', units: 'decimal' });
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    setPrefs({ theme: 'dark' });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('notifiesOnAnotherTabsWriteThroughTheStorageEvent', () => {
    const listener = vi.fn();
    const unsubscribe = subscribePrefs(listener);
    store({ theme: 'dark' }); // what the other tab wrote
    window.dispatchEvent(new StorageEvent('storage', { key: PREFS_KEY }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'something.else' }));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(getPrefs().theme).toBe('dark');
    unsubscribe();
  });

  it('rerendersUsePrefsOnLocalAndOtherTabsChanges', () => {
    const { result } = renderHook(() => usePrefs());
    expect(result.current.singleKeyShortcuts).toBe(true);
    act(() => setPrefs({ singleKeyShortcuts: false }));
    expect(result.current.singleKeyShortcuts).toBe(false);
    act(() => {
      store({ singleKeyShortcuts: true, theme: 'light' });
      window.dispatchEvent(new StorageEvent('storage', { key: PREFS_KEY }));
    });
    expect(result.current).toEqual({ ...PREF_DEFAULTS, theme: 'light' });
  });

  it('neverThrowsWithoutStorageAndKeepsChangesInMemory', async () => {
    vi.resetModules(); // a fresh store, as on a page load with the storage blocked
    const fresh = await import('./prefs');
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(fresh.getPrefs()).toEqual(PREF_DEFAULTS);
    expect(() => fresh.setPrefs({ theme: 'dark' })).not.toThrow();
    expect(fresh.getPrefs().theme).toBe('dark');
    vi.restoreAllMocks();
    fresh.setPrefs({ units: 'decimal' }); // a working write makes the storage the source again
    expect(JSON.parse(window.localStorage.getItem(PREFS_KEY)!)).toEqual({ ...PREF_DEFAULTS, theme: 'dark', units: 'decimal' });
  });
});
