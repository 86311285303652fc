import { useEffect, useId, useState } from 'react';
import { t } from '../../../i18n';
import { Modal } from '../../ui/Modal';

export interface MoveDialogProps {
  readonly open: boolean;
  readonly count: number;
  readonly onConfirm: (outputFolder: string) => void;
  readonly onClose: () => void;
}

export function MoveDialog({ open, count, onConfirm, onClose }: MoveDialogProps) {
  const [folder, setFolder] = useState('');
  const fieldId = useId();
  const hintId = useId();
  useEffect(() => {
    if (open) setFolder('');
  }, [open]);
  const valid = folder.trim() !== '';

  return (
    <Modal
      open={open}
      title={t('move.title', { count })}
      onClose={onClose}
      onSubmit={() => valid && onConfirm(folder.trim())}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!valid}>
            {t('move.confirm')}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={fieldId}>{t('move.folder')}</label>
        <input
          id={fieldId}
          className="input"
          type="text"
          value={folder}
          autoFocus
          spellCheck={false}
          aria-describedby={hintId}
          onChange={(e) => setFolder(e.target.value)}
        />
        <p id={hintId} className="field__hint">
          {t('move.hint')}
        </p>
      </div>
    </Modal>
  );
}
