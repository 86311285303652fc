import type { Rest } from '../../api/rest';
import type { Schemas } from '../../api/types';
import { getPrefs, setPrefs, type Prefs } from '../../prefs/prefs';
import { SETTINGS, settingId, type SettingDef } from './catalog';

export type SettingsDto = Schemas['SettingsDto'];
export type EditableSettings = Schemas['EditableSettings'];
/** A start setting's state; `next` is null when the configuration decides (typed loosely by the generator). */
export type StartValue = Omit<Schemas['StartValue'], 'next'> & { readonly next?: unknown };

export const SETTINGS_PATH = '/api/v1/settings';
export const START_SETTINGS_PATH = '/api/v1/settings/start';

export const loadSettings = (rest: Rest) => rest.request<SettingsDto>('GET', SETTINGS_PATH);

/** Draft values by {@link settingId}. */
export type Values = Readonly<Record<string, unknown>>;

function startOf(dto: SettingsDto, key: string): StartValue | undefined {
  return (dto.start as Record<string, StartValue> | undefined)?.[key];
}

/** The value shown for a setting: for start settings the one stored for the next start, else the one in force. */
export function valueOf(s: SettingDef, dto: SettingsDto, prefs: Prefs): unknown {
  switch (s.source) {
    case 'editable':
      return (dto.editable as Record<string, unknown>)[s.key];
    case 'browser':
      return (prefs as unknown as Record<string, unknown>)[s.key];
    case 'start': {
      const next = startOf(dto, s.key)?.next;
      return next ?? (dto.readOnly as Record<string, unknown>)[s.key];
    }
    case 'info':
      return (dto.readOnly as Record<string, unknown>)[s.key];
  }
}

export function initialValues(dto: SettingsDto, prefs: Prefs = getPrefs()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) out[settingId(s)] = valueOf(s, dto, prefs);
  return out;
}

/** What the setting is when left alone: the server default, the browser default, or what runs now. */
export function defaultOf(s: SettingDef, dto: SettingsDto, defaults: Prefs): unknown {
  if (s.source === 'editable') return (dto.defaults as Record<string, unknown>)[s.key];
  if (s.source === 'browser') return (defaults as unknown as Record<string, unknown>)[s.key];
  return (dto.readOnly as Record<string, unknown>)[s.key];
}

/** How a start setting stands: needs a restart (stored ≠ running), or is locked by the deployment. */
export function startState(s: SettingDef, dto: SettingsDto): { restartNeeded: boolean; lockedBy: string | null } {
  const v = s.source === 'start' ? startOf(dto, s.key) : undefined;
  return { restartNeeded: v?.restartNeeded ?? false, lockedBy: v?.lockedBy ?? null };
}

/** Lines of a list setting as they count: trimmed, empty ones left out. */
const entries = (list: readonly unknown[]): string[] => list.map((l) => String(l).trim()).filter((l) => l !== '');

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = entries(a);
    const y = entries(b);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

/** The settings whose draft differs from what was loaded. */
export function dirtySettings(draft: Values, loaded: Values): SettingDef[] {
  return SETTINGS.filter((s) => s.source !== 'info' && !sameValue(draft[settingId(s)], loaded[settingId(s)]));
}

/**
 * Saves the changed settings: the runtime ones in one PUT, the start ones in another, then the
 * browser's. A refusal throws the server's error (its `field` names the setting) and leaves the
 * later groups unsaved, so nothing is half-applied within a group. Answers the new document.
 */
export async function saveSettings(rest: Rest, changed: readonly SettingDef[], draft: Values): Promise<SettingsDto> {
  const body = (source: SettingDef['source']) => {
    const out: Record<string, unknown> = {};
    for (const s of changed) {
      if (s.source !== source) continue;
      const raw = draft[settingId(s)];
      const value = Array.isArray(raw) ? raw.map((l: unknown) => String(l).trim()).filter((l) => l !== '') : raw;
      const empty = value === '' || (Array.isArray(value) && value.length === 0);
      // An optional start setting left empty goes back to the configuration (no watch folder, no extra hosts).
      out[s.key] = s.source === 'start' && s.optional && empty ? null : value;
    }
    return out;
  };
  const editable = body('editable');
  const start = body('start');
  const browser = body('browser');
  let dto: SettingsDto | null = null;
  if (Object.keys(editable).length > 0) dto = await rest.request<SettingsDto>('PUT', SETTINGS_PATH, editable);
  if (Object.keys(start).length > 0) dto = await rest.request<SettingsDto>('PUT', START_SETTINGS_PATH, start);
  if (Object.keys(browser).length > 0) {
    setPrefs(browser as Partial<Prefs>);
    // Turning notifications on is the user's gesture the browser wants before it asks for permission.
    if (browser.browserNotifications === true && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission();
    }
  }
  return dto ?? loadSettings(rest);
}
