import { useEffect, useId, useState } from 'react';
import { t } from '../../../i18n';
import { Modal } from '../../ui/Modal';

export interface RemoveDialogProps {
  readonly open: boolean;
  readonly names: readonly string[];
  /** Shift+Delete opens with the box ticked; it is never ticked otherwise, and always confirmed. */
  readonly deleteFilesInitially: boolean;
  readonly onConfirm: (deleteFiles: boolean) => void;
  readonly onClose: () => void;
}

const LISTED = 10;

export function RemoveDialog({ open, names, deleteFilesInitially, onConfirm, onClose }: RemoveDialogProps) {
  const [deleteFiles, setDeleteFiles] = useState(deleteFilesInitially);
  const boxId = useId();
  useEffect(() => {
    if (open) setDeleteFiles(deleteFilesInitially);
  }, [open, deleteFilesInitially]);

  return (
    <Modal
      open={open}
      title={t('remove.title', { count: names.length })}
      description={t('remove.description', { count: names.length })}
      onClose={onClose}
      onSubmit={() => onConfirm(deleteFiles)}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger">
            {deleteFiles ? t('remove.confirmWithFiles') : t('remove.confirm')}
          </button>
        </>
      }
    >
      <ul className="remove__names" aria-label={t('remove.listLabel')}>
        {names.slice(0, LISTED).map((name, i) => (
          <li key={i}>
            <bdi dir="auto">{name}</bdi>
          </li>
        ))}
        {names.length > LISTED && <li>{t('remove.more', { count: names.length - LISTED })}</li>}
      </ul>
      <div className="field field--check">
        <input id={boxId} type="checkbox" checked={deleteFiles} onChange={(e) => setDeleteFiles(e.target.checked)} />
        <label htmlFor={boxId}>{t('remove.deleteFiles')}</label>
      </div>
      {deleteFiles && (
        <p className="field__warning" role="note">
          {t('remove.deleteWarning')}
        </p>
      )}
    </Modal>
  );
}
