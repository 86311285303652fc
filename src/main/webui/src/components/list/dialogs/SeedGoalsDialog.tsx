import { useEffect, useId, useState } from 'react';
import { t, type MessageKey } from '../../../i18n';
import { MAX_MINUTES, MAX_RATIO, NO_GOAL, SESSION_GOAL, type Goals } from '../../../store/goals';
import { DialogButtons } from '../../ui/DialogButtons';
import { Modal } from '../../ui/Modal';

export interface SeedGoalsDialogProps {
  readonly open: boolean;
  readonly count: number;
  /** The first torrent's own goals. */
  readonly initial: Goals;
  readonly onConfirm: (goals: Goals) => void;
  readonly onClose: () => void;
}

type Mode = 'default' | 'none' | 'limit';
interface Draft {
  readonly mode: Mode;
  readonly text: string;
}

const GOALS: readonly { key: keyof Goals; label: MessageKey; ratio: boolean }[] = [
  { key: 'ratio', label: 'goals.ratio', ratio: true },
  { key: 'seedingMinutes', label: 'goals.seedingMinutes', ratio: false },
  { key: 'idleMinutes', label: 'goals.idleMinutes', ratio: false },
];

const draftOf = (value: number): Draft =>
  value === SESSION_GOAL ? { mode: 'default', text: '' } : value === NO_GOAL || value < 0 ? { mode: 'none', text: '' } : { mode: 'limit', text: String(value) };

/** A draft as the API takes it; null when the typed limit is not one the server accepts. */
export function goalValue(d: Draft, ratio: boolean): number | null {
  if (d.mode === 'default') return SESSION_GOAL;
  if (d.mode === 'none') return NO_GOAL;
  const text = d.text.trim();
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) return null;
  if (ratio) return n <= MAX_RATIO ? n : null;
  return Number.isInteger(n) && n <= MAX_MINUTES ? n : null;
}

/**
 * A torrent's own seeding goals (qBittorrent's "share limits"): for the ratio, the time seeding and
 * the time seeding without uploading, each the session's default, none, or a limit of its own. It
 * stops seeding at the first one reached.
 */
export function SeedGoalsDialog({ open, count, initial, onConfirm, onClose }: SeedGoalsDialogProps) {
  const [drafts, setDrafts] = useState<Record<keyof Goals, Draft>>(() => ({
    ratio: draftOf(initial.ratio), seedingMinutes: draftOf(initial.seedingMinutes), idleMinutes: draftOf(initial.idleMinutes),
  }));
  const baseId = useId();
  useEffect(() => {
    if (!open) return;
    setDrafts({ ratio: draftOf(initial.ratio), seedingMinutes: draftOf(initial.seedingMinutes), idleMinutes: draftOf(initial.idleMinutes) });
  }, [open, initial.ratio, initial.seedingMinutes, initial.idleMinutes]);

  const values = GOALS.map((g) => goalValue(drafts[g.key], g.ratio));
  const valid = values.every((v) => v !== null);
  const set = (key: keyof Goals, change: Partial<Draft>) => setDrafts((d) => ({ ...d, [key]: { ...d[key], ...change } }));

  return (
    <Modal
      open={open}
      title={t('goals.title', { count })}
      description={t('goals.description')}
      onClose={onClose}
      onSubmit={() => {
        if (valid) onConfirm({ ratio: values[0]!, seedingMinutes: values[1]!, idleMinutes: values[2]! });
      }}
      footer={<DialogButtons confirm={t('goals.confirm')} disabled={!valid} onCancel={onClose} />}
    >
      {GOALS.map((g, i) => {
        const d = drafts[g.key];
        const id = `${baseId}-${g.key}`;
        return (
          <div key={g.key} className="field goal-field">
            <label htmlFor={`${id}-mode`}>{t(g.label)}</label>
            <div className="goal-field__row">
              <select id={`${id}-mode`} className="input" value={d.mode} onChange={(e) => set(g.key, { mode: e.target.value as Mode })}>
                <option value="default">{t('goals.useDefault')}</option>
                <option value="none">{t('goals.noLimit')}</option>
                <option value="limit">{t('goals.limit')}</option>
              </select>
              {d.mode === 'limit' && (
                <input className="input" type="number" inputMode="decimal" min={0} step={g.ratio ? 0.05 : 1}
                  aria-label={t('goals.limitOf', { goal: t(g.label) })} value={d.text} aria-invalid={values[i] === null}
                  onChange={(e) => set(g.key, { text: e.target.value })} />
              )}
            </div>
          </div>
        );
      })}
    </Modal>
  );
}
