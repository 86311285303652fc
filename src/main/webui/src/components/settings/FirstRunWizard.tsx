import { useMemo, useState } from 'react';
import { useApp } from '../../context';
import { t, type MessageKey } from '../../i18n';
import { getPrefs, PREF_DEFAULTS } from '../../prefs/prefs';
import { Modal } from '../ui/Modal';
import { SETTINGS, settingId, validate, type SettingDef } from './catalog';
import { SettingField } from './SettingField';
import { defaultOf, dirtySettings, initialValues, saveSettings, startState, SETTINGS_PATH, type SettingsDto } from './settingsApi';

/** The wizard's steps (UI spec 1.6): where downloads go, the port, limits, the look. */
const STEPS: readonly { title: MessageKey; intro: MessageKey; keys: readonly string[] }[] = [
  { title: 'wizard.folder', intro: 'wizard.folder.intro', keys: ['start:downloadDir', 'editable:defaultOutputFolder'] },
  { title: 'wizard.port', intro: 'wizard.port.intro', keys: ['start:peerPort'] },
  { title: 'wizard.limits', intro: 'wizard.limits.intro', keys: ['editable:downloadLimit', 'editable:uploadLimit'] },
  { title: 'wizard.look', intro: 'wizard.look.intro', keys: ['browser:theme'] },
];

export interface FirstRunWizardProps {
  readonly dto: SettingsDto;
  /** Called with the new document once the wizard is finished or skipped (setupDone is then true). */
  readonly onDone: (dto: SettingsDto) => void;
}

/**
 * Shown once, on the first visit of a new server (until `setupDone`): four short steps, each
 * prefilled with what runs now, saved together at the end. "Skip" keeps everything as it is. Both
 * mark the server as set up, so it is not shown again in any browser; Settings › Web UI brings it back.
 */
export function FirstRunWizard({ dto, onDone }: FirstRunWizardProps) {
  const { rest, toast } = useApp();
  const loaded = useMemo(() => initialValues(dto, getPrefs()), [dto]);
  const [draft, setDraft] = useState<Record<string, unknown>>(loaded);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const current = STEPS[step] ?? STEPS[0]!;
  const fields = current.keys.map((id) => SETTINGS.find((s) => settingId(s) === id)).filter((s): s is SettingDef => s !== undefined);
  const problem = (s: SettingDef) => {
    const p = validate(s, draft[settingId(s)]);
    return p === null ? null : t(p.key, p.vars);
  };
  const stepValid = fields.every((s) => problem(s) === null);
  const last = step === STEPS.length - 1;

  const finish = async (save: boolean) => {
    setBusy(true);
    try {
      if (save) await saveSettings(rest, dirtySettings(draft, loaded), draft);
      const next = await rest.request<SettingsDto>('PUT', SETTINGS_PATH, { setupDone: true });
      if (save) toast(t('wizard.saved'), 'success');
      onDone(next);
    } catch (e) {
      const field = (e as { field?: string | null }).field ?? null;
      const s = SETTINGS.find((d) => d.key === field && d.source !== 'info');
      const message = e instanceof Error ? e.message : String(e);
      if (s) {
        setError({ id: settingId(s), message });
        setStep(Math.max(0, STEPS.findIndex((st) => st.keys.includes(settingId(s)))));
      } else {
        toast(t('settings.notSaved'), 'error', [message]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('wizard.title')} description={t('wizard.description')} onClose={() => void finish(false)}
      onSubmit={() => (last ? void finish(true) : stepValid && setStep(step + 1))}
      footer={
        <>
          <button type="button" className="button" onClick={() => void finish(false)} disabled={busy}>
            {t('wizard.skip')}
          </button>
          {step > 0 && (
            <button type="button" className="button" onClick={() => setStep(step - 1)} disabled={busy}>
              {t('wizard.back')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={busy || !stepValid}>
            {last ? t('wizard.finish') : t('wizard.next')}
          </button>
        </>
      }>
      <p className="wizard__step" aria-live="polite">
        {t('wizard.stepOf', { step: step + 1, total: STEPS.length })}: <strong>{t(current.title)}</strong>
      </p>
      <p className="wizard__intro">{t(current.intro)}</p>
      {fields.map((s) => {
        const id = settingId(s);
        const { lockedBy } = startState(s, dto);
        return (
          <SettingField key={id} setting={s} value={draft[id]} defaultValue={defaultOf(s, dto, PREF_DEFAULTS)}
            onChange={(v) => {
              setDraft((old) => ({ ...old, [id]: v }));
              if (error?.id === id) setError(null);
            }}
            error={error?.id === id ? error.message : problem(s)} dirty={false}
            restartNeeded={s.source === 'start' && draft[id] !== loaded[id]} lockedBy={lockedBy} />
        );
      })}
    </Modal>
  );
}
