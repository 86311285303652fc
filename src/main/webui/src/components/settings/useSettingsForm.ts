import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../../api/rest';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { getPrefs, subscribePrefs } from '../../prefs/prefs';
import { SETTINGS, settingId, validate, type SettingDef } from './catalog';
import { dirtySettings, initialValues, loadSettings, saveSettings, type SettingsDto } from './settingsApi';

export interface SettingsForm {
  /** null while loading. */
  readonly dto: SettingsDto | null;
  readonly loadError: string | null;
  readonly draft: Readonly<Record<string, unknown>>;
  readonly dirty: readonly SettingDef[];
  /** Error text by setting id: client checks as typed, server refusals after a save. */
  readonly errors: Readonly<Record<string, string>>;
  readonly saving: boolean;
  change(s: SettingDef, value: unknown): void;
  discard(): void;
  /** Saves every change; resolves true when all were taken. */
  save(): Promise<boolean>;
  reload(): void;
}

function clientError(s: SettingDef, value: unknown): string | null {
  const problem = validate(s, value);
  return problem === null ? null : t(problem.key, problem.vars);
}

/** The settings page's state: the server's document, the draft over it and the errors on it. */
export function useSettingsForm(onSaved?: (dto: SettingsDto) => void): SettingsForm {
  const { rest, toast } = useApp();
  const [dto, setDto] = useState<SettingsDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Record<string, unknown>>({});
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const take = useCallback((next: SettingsDto, keepDraft: boolean) => {
    const values = initialValues(next);
    setDto(next);
    setLoaded(values);
    setDraft((old) => (keepDraft ? { ...values, ...old } : values));
  }, []);

  const reload = useCallback(() => {
    setLoadError(null);
    loadSettings(rest).then((d) => take(d, false), (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, [rest, take]);
  useEffect(reload, [reload]);

  // A preference changed elsewhere (the theme toggle, another tab) shows here unless it is being edited.
  useEffect(
    () =>
      subscribePrefs(() => {
        const prefs = getPrefs() as unknown as Record<string, unknown>;
        const browser = SETTINGS.filter((s) => s.source === 'browser');
        setLoaded((old) => ({ ...old, ...Object.fromEntries(browser.map((s) => [settingId(s), prefs[s.key]])) }));
        setDraft((old) => {
          const next = { ...old };
          for (const s of browser) if (old[settingId(s)] === loaded[settingId(s)]) next[settingId(s)] = prefs[s.key];
          return next;
        });
      }),
    [loaded],
  );

  const dirty = useMemo(() => dirtySettings(draft, loaded), [draft, loaded]);
  const errors = useMemo(() => {
    const out: Record<string, string> = { ...serverErrors };
    for (const s of dirty) {
      const e = clientError(s, draft[settingId(s)]);
      if (e !== null) out[settingId(s)] = e;
    }
    return out;
  }, [dirty, draft, serverErrors]);

  const change = useCallback((s: SettingDef, value: unknown) => {
    setDraft((old) => ({ ...old, [settingId(s)]: value }));
    setServerErrors((old) => {
      if (!(settingId(s) in old)) return old;
      const next = { ...old };
      delete next[settingId(s)];
      return next;
    });
  }, []);

  const discard = useCallback(() => {
    setDraft(loaded);
    setServerErrors({});
  }, [loaded]);

  const save = useCallback(async () => {
    if (dirty.some((s) => errors[settingId(s)] !== undefined)) return false;
    setSaving(true);
    try {
      const restart = dirty.some((s) => s.source === 'start');
      const next = await saveSettings(rest, dirty, draft);
      setServerErrors({});
      take(next, false);
      onSaved?.(next);
      toast(restart ? t('settings.savedRestart') : t('settings.saved'), 'success');
      return true;
    } catch (e) {
      if (e instanceof ApiRequestError && e.field !== null) {
        const s = dirty.find((d) => d.key === e.field) ?? SETTINGS.find((d) => d.key === e.field);
        if (s) setServerErrors({ [settingId(s)]: e.message });
      }
      toast(t('settings.notSaved'), 'error', [e instanceof Error ? e.message : String(e)]);
      // What the server took before the refusal (an earlier group) shows as saved.
      loadSettings(rest).then((d) => take(d, true), () => undefined);
      return false;
    } finally {
      setSaving(false);
    }
  }, [dirty, errors, draft, rest, take, toast, onSaved]);

  return { dto, loadError, draft, dirty, errors, saving, change, discard, save, reload };
}
