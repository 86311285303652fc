import { useSyncExternalStore } from 'react';
import type { ByteUnits, DateFormat, RateUnits } from '../format';

/**
 * Browser-side UI preferences: kept in this browser's localStorage, not on the server, because they
 * describe this screen and these hands (a phone may want a dark theme, a desktop single-key
 * shortcuts), not the torrent session.
 */
export type ThemePref = 'system' | 'light' | 'dark';
export type UnitsPref = ByteUnits;
export type RateUnitsPref = RateUnits;
export type DensityPref = 'comfortable' | 'compact';

export interface Prefs {
  /** `system` follows the device's light/dark setting. */
  readonly theme: ThemePref;
  /** Shortcuts without Ctrl/⌘ (P, R, /, ?, Delete, 1–6); off for speech-input users (WCAG 2.1.4). */
  readonly singleKeyShortcuts: boolean;
  readonly browserNotifications: boolean;
  /** Show the total speeds in the tab's title. */
  readonly speedInTitle: boolean;
  /** Sizes and speeds in KiB/MiB (binary) or kB/MB (decimal). */
  readonly units: UnitsPref;
  /** Speeds in bytes or bits per second. */
  readonly rateUnits: RateUnitsPref;
  /** Dates as the locale writes them or as ISO 8601. */
  readonly dateFormat: DateFormat;
  /** The list's row height: comfortable (32 px) or compact (26 px). */
  readonly density: DensityPref;
}

export const PREFS_KEY = 'bitquark.prefs';

export const PREF_DEFAULTS: Prefs = Object.freeze({
  theme: 'system',
  singleKeyShortcuts: true,
  browserNotifications: false,
  speedInTitle: false,
  units: 'binary',
  rateUnits: 'bytes',
  dateFormat: 'locale',
  density: 'comfortable',
});

const THEMES: readonly unknown[] = ['system', 'light', 'dark'];
const UNITS: readonly unknown[] = ['binary', 'decimal'];
const RATE_UNITS: readonly unknown[] = ['bytes', 'bits'];
const DATE_FORMATS: readonly unknown[] = ['locale', 'iso'];
const DENSITIES: readonly unknown[] = ['comfortable', 'compact'];

/**
 * Keeps each known field whose value is valid and takes the default for the rest, so a value
 * written by an older or newer version (or by hand) never breaks the page, it only loses itself.
 */
export function sanitizePrefs(value: unknown): Prefs {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return PREF_DEFAULTS;
  const v = value as Record<string, unknown>;
  const bool = (x: unknown, fallback: boolean) => (typeof x === 'boolean' ? x : fallback);
  return Object.freeze({
    theme: THEMES.includes(v.theme) ? (v.theme as ThemePref) : PREF_DEFAULTS.theme,
    singleKeyShortcuts: bool(v.singleKeyShortcuts, PREF_DEFAULTS.singleKeyShortcuts),
    browserNotifications: bool(v.browserNotifications, PREF_DEFAULTS.browserNotifications),
    speedInTitle: bool(v.speedInTitle, PREF_DEFAULTS.speedInTitle),
    units: UNITS.includes(v.units) ? (v.units as UnitsPref) : PREF_DEFAULTS.units,
    rateUnits: RATE_UNITS.includes(v.rateUnits) ? (v.rateUnits as RateUnitsPref) : PREF_DEFAULTS.rateUnits,
    dateFormat: DATE_FORMATS.includes(v.dateFormat) ? (v.dateFormat as DateFormat) : PREF_DEFAULTS.dateFormat,
    density: DENSITIES.includes(v.density) ? (v.density as DensityPref) : PREF_DEFAULTS.density,
  });
}

/** The stored text as preferences; missing or unparsable text gives the defaults. */
export function parsePrefs(raw: string | null): Prefs {
  if (raw === null) return PREF_DEFAULTS;
  try {
    return sanitizePrefs(JSON.parse(raw));
  } catch {
    return PREF_DEFAULTS;
  }
}

// localStorage can be missing or throw (disabled cookies, some private modes, a full quota). Then
// the preferences live in memory for this page: they work until a reload instead of breaking it.
let memory: Prefs = PREF_DEFAULTS;
/** The last write failed: `memory` is newer than the storage. */
let unsaved = false;
// getPrefs() re-reads the storage each call (another tab may have written it) but hands back the
// same object while the text is the same, as useSyncExternalStore requires.
let lastRaw: string | null = null;
let lastPrefs: Prefs = PREF_DEFAULTS;

/** The current preferences; cheap enough for every key press. */
export function getPrefs(): Prefs {
  if (unsaved) return memory;
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(PREFS_KEY);
  } catch {
    return memory;
  }
  if (raw !== lastRaw) {
    lastRaw = raw;
    lastPrefs = parsePrefs(raw);
  }
  return lastPrefs;
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Changes some preferences and tells every subscriber (in this tab; others hear the storage event). */
export function setPrefs(partial: Partial<Prefs>): void {
  const next = sanitizePrefs({ ...getPrefs(), ...partial });
  memory = next;
  try {
    window.localStorage.setItem(PREFS_KEY, JSON.stringify(next));
    unsaved = false;
  } catch {
    unsaved = true;
  }
  notify();
}

// Other tabs' writes arrive as `storage` events (key null: the storage was cleared).
const onStorage = (e: StorageEvent) => {
  if (e.key === PREFS_KEY || e.key === null) notify();
};

/** Calls `listener` after every change, from this tab or another; returns the unsubscribe. */
export function subscribePrefs(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** The preferences, re-rendering on every change. */
export function usePrefs(): Prefs {
  return useSyncExternalStore(subscribePrefs, getPrefs, () => PREF_DEFAULTS);
}
