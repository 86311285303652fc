import { useEffect, useState } from 'react';
import { t } from '../../../i18n';
import { DialogButtons } from '../../ui/DialogButtons';
import { HintedField } from '../../ui/HintedField';
import { Modal } from '../../ui/Modal';

export interface MoveDialogProps {
  readonly open: boolean;
  readonly count: number;
  readonly onConfirm: (outputFolder: string) => void;
  readonly onClose: () => void;
}

export function MoveDialog({ open, count, onConfirm, onClose }: MoveDialogProps) {
  const [folder, setFolder] = useState('');
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
      footer={<DialogButtons confirm={t('move.confirm')} disabled={!valid} onCancel={onClose} />}
    >
      <HintedField label={t('move.folder')} value={folder} onChange={setFolder} hint={t('move.hint')} autoFocus />
    </Modal>
  );
}
