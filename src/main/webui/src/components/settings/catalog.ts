import type { MessageKey } from '../../i18n';
import { MAX_MINUTES, MAX_RATIO } from '../../store/goals';

/**
 * Every setting the settings pages show, in page order. Where a value lives decides how it is saved:
 * `editable` settings apply at once (PUT /api/v1/settings), `start` ones at the next start
 * (PUT /api/v1/settings/start, so they carry a "restart needed" badge), `browser` ones are this
 * browser's preferences (localStorage), and `info` ones are only shown (the configuration sets them).
 */
export type SettingSource = 'editable' | 'start' | 'browser' | 'info';
/** `limit`: a number with a box that turns it on; off is -1 (no limit), as the API keeps it. */
export type SettingKind = 'rate' | 'int' | 'bool' | 'text' | 'select' | 'list' | 'limit';

export const SECTIONS = ['general', 'connection', 'speed', 'bittorrent', 'queue', 'seeding', 'categories', 'webui', 'logging', 'about'] as const;
export type SectionId = (typeof SECTIONS)[number];

export interface SettingDef {
  readonly key: string;
  readonly source: SettingSource;
  readonly section: SectionId;
  readonly kind: SettingKind;
  readonly min?: number;
  readonly max?: number;
  /** For `select`: the values and their labels. */
  readonly options?: readonly { readonly value: string; readonly label: MessageKey }[];
  /** Words that find it in the search besides its label and help (e.g. "turtle"). */
  readonly keywords?: string;
  /** May be left empty: an empty start setting is sent as null (back to the configuration, e.g. no watch folder). */
  readonly optional?: boolean;
  /** For `limit`: fractions allowed (a ratio). */
  readonly decimal?: boolean;
  /** For `limit`: the value a box turned on starts with when neither the setting nor its default has one. */
  readonly onValue?: number;
}

/** The server's bound of a queue limit (QueueSettings.MAX_LIMIT). */
const MAX_ACTIVE = 1_000_000;
/** The value of a `limit` setting that is off. */
export const NO_LIMIT = -1;

const RATE_MAX = 1024 * 1024 * 1024 * 1024; // AddOptions.MAX_RATE on the server: 1 TiB/s

function def(source: SettingSource, section: SectionId, key: string, kind: SettingKind,
  extra: Partial<SettingDef> = {}): SettingDef {
  return { source, section, key, kind, ...extra };
}

export const SETTINGS: readonly SettingDef[] = [
  def('editable', 'general', 'defaultOutputFolder', 'text', { keywords: 'save path folder directory' }),
  def('start', 'general', 'downloadDir', 'text', { keywords: 'save path folder directory root' }),
  def('editable', 'general', 'maxConcurrentChecks', 'int', { min: 1, max: 64, keywords: 'recheck hash verify queue' }),
  def('start', 'general', 'sessionSaveIntervalMillis', 'int', { min: 100, max: 600_000, keywords: 'resume save' }),
  def('start', 'general', 'watchDir', 'text', { optional: true, keywords: 'watch folder auto add torrent files' }),
  def('start', 'general', 'watchIntervalMillis', 'int', { min: 100, max: 600_000, keywords: 'watch poll' }),
  def('start', 'general', 'watchAfterAdd', 'select', {
    options: [
      { value: 'rename', label: 'settings.watchAfterAdd.rename' },
      { value: 'delete', label: 'settings.watchAfterAdd.delete' },
    ],
    keywords: 'watch folder rename delete',
  }),
  def('start', 'general', 'streamReadAheadBytes', 'int', { min: 0, max: 1 << 30, keywords: 'stream player buffer' }),
  def('info', 'general', 'dataDir', 'text'),
  def('info', 'general', 'persistence', 'text', { keywords: 'postgresql database files' }),

  def('start', 'connection', 'peerPort', 'int', { min: 1, max: 65_535, keywords: 'listen port incoming tcp' }),
  def('start', 'connection', 'peerBind', 'text', { keywords: 'interface address ip listen' }),
  def('editable', 'connection', 'maxConnections', 'int', { min: 1, max: 65_535, keywords: 'peers limit global' }),
  def('start', 'connection', 'httpPort', 'int', { min: 1, max: 65_535, keywords: 'web ui port' }),
  def('start', 'connection', 'httpHost', 'text', { keywords: 'web ui address interface' }),

  def('editable', 'speed', 'downloadLimit', 'rate', { min: 0, max: RATE_MAX, keywords: 'global rate limit' }),
  def('editable', 'speed', 'uploadLimit', 'rate', { min: 0, max: RATE_MAX, keywords: 'global rate limit' }),
  def('editable', 'speed', 'altSpeed', 'bool', { keywords: 'turtle alternative slow mode' }),
  def('editable', 'speed', 'altDownloadLimit', 'rate', { min: 0, max: RATE_MAX, keywords: 'turtle alternative' }),
  def('editable', 'speed', 'altUploadLimit', 'rate', { min: 0, max: RATE_MAX, keywords: 'turtle alternative' }),

  def('start', 'bittorrent', 'dht', 'bool', { keywords: 'distributed hash table bep 5 trackerless' }),
  def('start', 'bittorrent', 'dhtPort', 'int', { min: 1, max: 65_535, keywords: 'udp' }),
  def('start', 'bittorrent', 'dhtBootstrap', 'list', { keywords: 'router nodes' }),
  def('start', 'bittorrent', 'pex', 'bool', { keywords: 'peer exchange bep 11' }),
  def('start', 'bittorrent', 'lsd', 'bool', { keywords: 'local service discovery multicast lan bep 14' }),

  def('editable', 'queue', 'queueing', 'bool', { keywords: 'queue queued active slots waiting' }),
  def('editable', 'queue', 'maxActiveDownloads', 'limit', { min: 0, max: MAX_ACTIVE, onValue: 3, keywords: 'queue active downloading slots' }),
  def('editable', 'queue', 'maxActiveSeeds', 'limit', { min: 0, max: MAX_ACTIVE, onValue: 3, keywords: 'queue active seeding uploads slots' }),
  def('editable', 'queue', 'maxActiveTorrents', 'limit', { min: 0, max: MAX_ACTIVE, onValue: 5, keywords: 'queue active total slots' }),
  def('editable', 'queue', 'ignoreSlowTorrents', 'bool', { keywords: 'queue slow inactive count' }),
  def('editable', 'queue', 'slowDownloadRate', 'rate', { min: 0, max: RATE_MAX, keywords: 'queue slow threshold' }),
  def('editable', 'queue', 'slowUploadRate', 'rate', { min: 0, max: RATE_MAX, keywords: 'queue slow threshold' }),
  def('editable', 'queue', 'slowTorrentSeconds', 'int', { min: 0, max: 86_400, keywords: 'queue slow timer' }),

  def('editable', 'seeding', 'seedRatioLimit', 'limit', { min: 0, max: MAX_RATIO, decimal: true, onValue: 2, keywords: 'share ratio limit goal stop seeding' }),
  def('editable', 'seeding', 'seedTimeLimitMinutes', 'limit', { min: 0, max: MAX_MINUTES, onValue: 1440, keywords: 'share time limit goal stop seeding' }),
  def('editable', 'seeding', 'seedIdleLimitMinutes', 'limit', { min: 0, max: MAX_MINUTES, onValue: 30, keywords: 'share inactive idle limit goal stop seeding' }),

  def('browser', 'webui', 'theme', 'select', {
    options: [
      { value: 'system', label: 'theme.system' },
      { value: 'light', label: 'theme.light' },
      { value: 'dark', label: 'theme.dark' },
    ],
    keywords: 'dark light mode colour color',
  }),
  def('browser', 'webui', 'singleKeyShortcuts', 'bool', { keywords: 'keyboard keys hotkeys' }),
  def('browser', 'webui', 'browserNotifications', 'bool', { keywords: 'notify completion alert' }),
  def('browser', 'webui', 'speedInTitle', 'bool', { keywords: 'tab title' }),
  def('browser', 'webui', 'units', 'select', {
    options: [
      { value: 'binary', label: 'settings.units.binary' },
      { value: 'decimal', label: 'settings.units.decimal' },
    ],
    keywords: 'units kib mib kb mb size binary decimal si iec',
  }),
  def('browser', 'webui', 'rateUnits', 'select', {
    options: [
      { value: 'bytes', label: 'settings.rateUnits.bytes' },
      { value: 'bits', label: 'settings.rateUnits.bits' },
    ],
    keywords: 'units speed bits bytes mbit mbps',
  }),
  def('browser', 'webui', 'dateFormat', 'select', {
    options: [
      { value: 'locale', label: 'settings.dateFormat.locale' },
      { value: 'iso', label: 'settings.dateFormat.iso' },
    ],
    keywords: 'date time format iso 8601',
  }),
  def('browser', 'webui', 'density', 'select', {
    options: [
      { value: 'comfortable', label: 'settings.density.comfortable' },
      { value: 'compact', label: 'settings.density.compact' },
    ],
    keywords: 'compact rows height list spacing',
  }),
  def('editable', 'webui', 'eventsIntervalMillis', 'int', { min: 100, max: 60_000, keywords: 'refresh update live' }),
  def('start', 'webui', 'eventsMaxClients', 'int', { min: 1, max: 1024, keywords: 'browsers sockets' }),
  def('start', 'webui', 'loginSessionMinutes', 'int', { min: 1, max: 527_040, keywords: 'session timeout login expiry' }),
  def('start', 'webui', 'localhostBypass', 'bool', { keywords: 'authentication password local' }),
  def('start', 'webui', 'protectMetrics', 'bool', { keywords: 'prometheus authentication' }),
  def('start', 'webui', 'allowedHosts', 'list', { optional: true, keywords: 'dns rebinding reverse proxy domain' }),
  def('start', 'webui', 'trustedProxies', 'list', { optional: true, keywords: 'reverse proxy forwarded' }),
  def('start', 'webui', 'loginFailuresPerMinute', 'int', { min: 1, max: 1024, keywords: 'password brute force' }),
  def('start', 'webui', 'loginBanAfterFailures', 'int', { min: 1, max: 1024, keywords: 'password ban' }),
  def('start', 'webui', 'loginBanMinutes', 'int', { min: 1, max: 527_040, keywords: 'password ban' }),

  def('editable', 'logging', 'logToFile', 'bool', { keywords: 'log file rotate disk' }),
  def('info', 'logging', 'logFile', 'text'),
  def('start', 'logging', 'logFileSize', 'int', { min: 1 << 20, max: 1 << 30, keywords: 'rotate' }),
  def('start', 'logging', 'logFileBackups', 'int', { min: 1, max: 100, keywords: 'rotate old' }),
  def('start', 'logging', 'logJson', 'bool', { keywords: 'console collector' }),
  def('start', 'logging', 'logTailClients', 'int', { min: 1, max: 1024, keywords: 'live log' }),
];

/** The id of a setting's draft value and its form field. */
export const settingId = (s: Pick<SettingDef, 'source' | 'key'>): string => `${s.source}:${s.key}`;

export const labelKey = (s: SettingDef): MessageKey => `settings.${s.key}` as MessageKey;
export const helpKey = (s: SettingDef): MessageKey => `settings.${s.key}.help` as MessageKey;
export const sectionKey = (id: SectionId): MessageKey => `settings.section.${id}` as MessageKey;

export function isSectionId(value: string | null | undefined): value is SectionId {
  return (SECTIONS as readonly string[]).includes(value ?? '');
}

/**
 * The settings matching every word of `query` in their label, help text, key, keywords or section
 * name (case-insensitive), in page order; `text` gives the shown words of a message key.
 */
export function searchSettings(query: string, text: (key: MessageKey) => string): SettingDef[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...SETTINGS];
  return SETTINGS.filter((s) => {
    const hay = [text(labelKey(s)), text(helpKey(s)), s.key, s.keywords ?? '', text(sectionKey(s.section))]
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** A draft value checked as the server will; a message key when it is refused, else null. */
export function validate(s: SettingDef, value: unknown): { key: MessageKey; vars?: Record<string, number> } | null {
  if (s.kind === 'limit') {
    if (value === NO_LIMIT) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'settings.error.number' };
    if (!s.decimal && !Number.isInteger(value)) return { key: 'settings.error.integer' };
    const min = s.min ?? 0;
    const max = s.max ?? Number.MAX_SAFE_INTEGER;
    return value < min || value > max ? { key: 'settings.error.range', vars: { min, max } } : null;
  }
  if (s.kind === 'int' || s.kind === 'rate') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'settings.error.number' };
    if (!Number.isInteger(value)) return { key: 'settings.error.integer' };
    const min = s.min ?? 0;
    const max = s.max ?? Number.MAX_SAFE_INTEGER;
    if (value < min || value > max) {
      return s.kind === 'rate'
        ? { key: 'settings.error.rateRange' }
        : { key: 'settings.error.range', vars: { min, max } };
    }
  }
  if (s.kind === 'text' && s.key !== 'defaultOutputFolder' && !s.optional && typeof value === 'string' && value.trim() === '') {
    return { key: 'settings.error.required' };
  }
  if (s.kind === 'list' && !s.optional && Array.isArray(value) && value.every((l) => String(l).trim() === '')) {
    return { key: 'settings.error.required' };
  }
  return null;
}
