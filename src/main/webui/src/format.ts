import { LOCALE, t } from './i18n';

/** Sizes in powers of 1024 (KiB, MiB: what the OS shows for files) or of 1000 (kB, MB: what disks are sold in). */
export type ByteUnits = 'binary' | 'decimal';
/** Speeds in bytes per second (every torrent client's default) or bits per second (how networks are sold). */
export type RateUnits = 'bytes' | 'bits';

const UNIT_NAMES = {
  binary: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'],
  decimal: ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'],
  binaryBits: ['bit', 'Kibit', 'Mibit', 'Gibit', 'Tibit', 'Pibit', 'Eibit'],
  decimalBits: ['bit', 'kbit', 'Mbit', 'Gbit', 'Tbit', 'Pbit', 'Ebit'],
} as const;
const numberFormats = new Map<number, Intl.NumberFormat>();

function decimal(value: number, digits: number): string {
  let format = numberFormats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

let byteUnits: ByteUnits = 'binary';
let rateUnits: RateUnits = 'bytes';

/**
 * How sizes and speeds are written from now on: the user's preference (set by the app when it
 * starts and whenever the preference changes; views showing sizes render again then).
 */
export function setUnits(bytes: ByteUnits, rates: RateUnits): void {
  byteUnits = bytes;
  rateUnits = rates;
}

function scaled(amount: number, names: readonly string[]): string {
  if (!Number.isFinite(amount) || amount < 0) return '–';
  const base = byteUnits === 'binary' ? 1024 : 1000;
  let value = amount;
  let unit = 0;
  while (value >= base && unit < names.length - 1) {
    value /= base;
    unit++;
  }
  // One decimal below 100 keeps three significant digits without jitter in the last place.
  return `${decimal(value, unit === 0 || value >= 100 ? 0 : 1)} ${names[unit]}`;
}

/** Bytes, 1024-based by default: "0 B", "512 B", "1.5 GiB", "120 MiB" (decimal: "1.6 GB"). */
export function formatBytes(bytes: number): string {
  return scaled(bytes, UNIT_NAMES[byteUnits]);
}

/** A rate in bytes/s: "3.1 MiB/s", "0 B/s" (in bits: "26 Mibit/s", decimal "26 Mbit/s"). */
export function formatRate(bytesPerSecond: number): string {
  const text = rateUnits === 'bits'
    ? scaled(bytesPerSecond * 8, UNIT_NAMES[byteUnits === 'binary' ? 'binaryBits' : 'decimalBits'])
    : formatBytes(bytesPerSecond);
  return text === '–' ? text : `${text}/s`;
}

/**
 * The unit speed limits are typed in, following the speed and size preferences: KiB/s, kB/s,
 * Kibit/s or kbit/s. Each is a whole number of bytes/s (1024, 1000, 128, 125), so a whole number
 * typed is a whole number of bytes/s, which is what the API takes.
 */
export interface LimitUnit {
  readonly bytesPerUnit: number;
  readonly label: string;
}

const LIMIT_UNITS: Record<RateUnits, Record<ByteUnits, LimitUnit>> = {
  bytes: { binary: { bytesPerUnit: 1024, label: 'KiB/s' }, decimal: { bytesPerUnit: 1000, label: 'kB/s' } },
  bits: { binary: { bytesPerUnit: 128, label: 'Kibit/s' }, decimal: { bytesPerUnit: 125, label: 'kbit/s' } },
};

/** The unit limits are typed in now (see {@link setUnits}). */
export function limitUnit(): LimitUnit {
  return LIMIT_UNITS[rateUnits][byteUnits];
}

/**
 * A limit field in bytes/s: a whole number of the limit unit ({@link limitUnit} unless given),
 * empty = 0 (unlimited); null when it is not a whole number.
 */
export function limitBytes(typed: string, bytesPerUnit = limitUnit().bytesPerUnit): number | null {
  const text = typed.trim();
  if (text === '') return 0;
  if (!/^\d{1,9}$/.test(text)) return null;
  return Number(text) * bytesPerUnit;
}

/** A limit in bytes/s where 0 means none: "1 MiB/s" or "Unlimited". */
export function formatLimit(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? formatRate(bytesPerSecond) : t('limit.none');
}

/** Time left: "45s", "3m 20s", "2h 5m", "4d 3h"; "∞" when unknown (negative) or beyond a year. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 365 * 86_400) return '∞';
  const s = Math.round(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return rest > 0 ? `${m}m ${rest}s` : `${m}m`;
  return `${rest}s`;
}

/**
 * A time run up, counted in whole minutes (as the server keeps times seeding and downloading): "0m",
 * "45m", "3h 20m", "4d 3h", "400d 2h"; "–" for a negative or unreadable one.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const minutes = Math.floor(seconds / 60);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
// Formatting a date costs tens of microseconds and a list shows the same few thousand over and
// over (added, completed): remembered by their text, bounded so a long session cannot grow it.
const dates = new Map<string, string>();
const DATES_KEPT = 20_000;

/** Dates as the locale writes them ("Dec 7, 2026, 10:00 AM") or as ISO 8601 does ("2026-12-07 10:00"), local time. */
export type DateFormat = 'locale' | 'iso';
let dateStyle: DateFormat = 'locale';

/** How dates are written from now on (the user's preference; see {@link setUnits}). */
export function setDateFormat(format: DateFormat): void {
  if (format !== dateStyle) dates.clear();
  dateStyle = format;
}

const pad = (n: number) => String(n).padStart(2, '0');
function isoLocal(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An ISO date-time as local date and time; "–" for missing or unreadable values. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '–';
  let text = dates.get(iso);
  if (text === undefined) {
    const time = Date.parse(iso);
    text = Number.isNaN(time) ? '–' : dateStyle === 'iso' ? isoLocal(time) : dateFormat.format(time);
    if (dates.size >= DATES_KEPT) dates.clear();
    dates.set(iso, text);
  }
  return text;
}

const ratioFormat = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Share ratio with two decimals: "1.25"; "∞" for an infinite one. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '∞';
  return ratioFormat.format(ratio);
}

/** A fraction 0..1 as a percentage: "42.5 %" below 100, never rounded up to "100 %" before it is done. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const clamped = Math.min(1, Math.max(0, fraction));
  const pct = Math.floor(clamped * 1000) / 10;
  return `${decimal(pct, 1)} %`;
}

/** Seconds ago as "5 s ago", "3 min ago" (for the age of the last update). */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('age.seconds', { count: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('age.minutes', { count: m });
  return t('age.hours', { count: Math.floor(m / 60) });
}
