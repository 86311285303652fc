import { t } from '../../i18n';
import { Modal } from '../ui/Modal';

export interface ConfirmDialogProps {
  /** The question; null while closed. */
  readonly message: string | null;
  readonly title: string;
  readonly confirm: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

/** "Are you sure?" before something that cannot be undone; Cancel is the safe default. */
export function ConfirmDialog({ message, title, confirm, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Modal open={message !== null} title={title} onClose={onClose} onSubmit={onConfirm}
      footer={
        <>
          <button type="button" className="button" autoFocus onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger">
            {confirm}
          </button>
        </>
      }>
      <p>{message}</p>
    </Modal>
  );
}
