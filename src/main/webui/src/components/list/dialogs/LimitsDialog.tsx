import { useEffect, useId, useState } from 'react';
import type { LimitsChange } from '../../../api/rest';
import { limitBytes } from '../../../format';
import { t } from '../../../i18n';
import { useLimitUnit } from '../../../prefs/formats';
import { DialogButtons } from '../../ui/DialogButtons';
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

  const downBytes = limitBytes(down, per);
  const upBytes = limitBytes(up, per);
  const valid = downBytes !== null && upBytes !== null;

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
      onSubmit={() => valid && onConfirm({ downloadLimit: downBytes, uploadLimit: upBytes })}
      footer={<DialogButtons confirm={t('limits.confirm')} disabled={!valid} onCancel={onClose} />}
    >
      {field(downId, t('limits.down', { unit: unit.label }), down, setDown, downBytes !== null)}
      {field(upId, t('limits.up', { unit: unit.label }), up, setUp, upBytes !== null)}
      <p id={hintId} className="field__hint">
        {t('limits.hint')}
      </p>
    </Modal>
  );
}
