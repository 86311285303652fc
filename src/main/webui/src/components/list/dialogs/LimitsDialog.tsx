import { useEffect, useId, useState } from 'react';
import type { LimitsChange } from '../../../api/rest';
import { t } from '../../../i18n';
import { useLimitUnit } from '../../../prefs/formats';
import { Modal } from '../../ui/Modal';

export interface LimitsDialogProps {
  readonly open: boolean;
  readonly count: number;
  /** Current limits in bytes/s (0 = unlimited), of the first torrent. */
  readonly initial: { readonly downloadLimit: number; readonly uploadLimit: number };
  readonly onConfirm: (limits: Required<LimitsChange>) => void;
  readonly onClose: () => void;
}

const toUnits = (bytes: number, per: number) => String(Math.round(bytes / per));
/** A whole, non-negative number of the limit unit (KiB/s...), or null when the field does not hold one. */
const parseUnits = (text: string): number | null => {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
};

export function LimitsDialog({ open, count, initial, onConfirm, onClose }: LimitsDialogProps) {
  const [down, setDown] = useState('');
  const [up, setUp] = useState('');
  const downId = useId();
  const upId = useId();
  const hintId = useId();
  const unit = useLimitUnit();
  const per = unit.bytesPerUnit;
  useEffect(() => {
    if (!open) return;
    setDown(toUnits(initial.downloadLimit, per));
    setUp(toUnits(initial.uploadLimit, per));
  }, [open, initial.downloadLimit, initial.uploadLimit, per]);

  const downUnits = parseUnits(down);
  const upUnits = parseUnits(up);
  const valid = downUnits !== null && upUnits !== null;

  const field = (id: string, label: string, value: string, set: (v: string) => void, ok: boolean) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        aria-invalid={!ok}
        aria-describedby={hintId}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );

  return (
    <Modal
      open={open}
      title={t('limits.title', { count })}
      onClose={onClose}
      onSubmit={() => valid && onConfirm({ downloadLimit: downUnits * per, uploadLimit: upUnits * per })}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!valid}>
            {t('limits.confirm')}
          </button>
        </>
      }
    >
      {field(downId, t('limits.down', { unit: unit.label }), down, setDown, downUnits !== null)}
      {field(upId, t('limits.up', { unit: unit.label }), up, setUp, upUnits !== null)}
      <p id={hintId} className="field__hint">
        {t('limits.hint')}
      </p>
    </Modal>
  );
}
