import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Rest } from '../api/rest';
import { loadSettings, SETTINGS_PATH, type EditableSettings, type SettingsDto } from '../components/settings/settingsApi';

export interface ServerSettings {
  /** null until loaded (or when loading failed). */
  readonly dto: SettingsDto | null;
  refresh(): void;
  /** Replaces the document (after a save elsewhere). */
  take(dto: SettingsDto): void;
  /** Changes runtime settings; throws the server's refusal. */
  put(change: Partial<EditableSettings>): Promise<SettingsDto>;
}

/** A settings document, not an empty answer (a proxy's, or a test's stub). */
export function isSettingsDto(value: unknown): value is SettingsDto {
  return typeof value === 'object' && value !== null && typeof (value as SettingsDto).editable === 'object'
    && (value as SettingsDto).editable !== null;
}

/**
 * The settings document for the shell's own uses (the turtle toggle, the first-run wizard, the
 * status bar's folder): loaded once, refreshed after every change the shell makes.
 */
export function useServerSettings(rest: Rest): ServerSettings {
  const [dto, setDto] = useState<SettingsDto | null>(null);
  const refresh = useCallback(() => {
    loadSettings(rest).then((d) => setDto(isSettingsDto(d) ? d : null), () => undefined);
  }, [rest]);
  useEffect(refresh, [refresh]);
  const put = useCallback(
    async (change: Partial<EditableSettings>) => {
      const next = await rest.request<SettingsDto>('PUT', SETTINGS_PATH, change);
      if (isSettingsDto(next)) setDto(next);
      return next;
    },
    [rest],
  );
  return useMemo(() => ({ dto, refresh, take: setDto, put }), [dto, refresh, put]);
}
