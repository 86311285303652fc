import { useEffect, useId, useState } from 'react';
import { t } from '../../../i18n';
import { DialogButtons } from '../../ui/DialogButtons';
import { HintedField } from '../../ui/HintedField';
import { Modal } from '../../ui/Modal';

export interface CategoryDialogProps {
  readonly open: boolean;
  readonly count: number;
  /** Existing categories, by name. */
  readonly categories: readonly string[];
  /** The category they all share ('' for none), or null when they differ. */
  readonly initial: string | null;
  /** Opened by "New category…": starts on a new name. */
  readonly create: boolean;
  /** A category's name (a new one is created), or null for none. */
  readonly onConfirm: (category: string | null) => void;
  readonly onClose: () => void;
}

/** Select values besides the names (a category's name is never empty). */
const NONE = '';
const NEW = '\u0000new';

/** Set category: none, an existing one, or a new one typed here (qBittorrent's "New…"). */
export function CategoryDialog({ open, count, categories, initial, create, onConfirm, onClose }: CategoryDialogProps) {
  const [choice, setChoice] = useState(NONE);
  const [name, setName] = useState('');
  const selectId = useId();
  useEffect(() => {
    if (!open) return;
    setChoice(create ? NEW : initial !== null && categories.includes(initial) ? initial : NONE);
    setName('');
    // Only on opening: the list behind it re-renders with live updates, which must not undo the choice.
  }, [open]);

  const typed = name.trim();
  const valid = choice !== NEW || typed !== '';
  const confirm = () => {
    if (!valid) return;
    onConfirm(choice === NEW ? typed : choice === NONE ? null : choice);
  };

  return (
    <Modal
      open={open}
      title={t('category.title', { count })}
      onClose={onClose}
      onSubmit={confirm}
      footer={<DialogButtons confirm={t('category.confirm')} disabled={!valid} onCancel={onClose} />}
    >
      <div className="field">
        <label htmlFor={selectId}>{t('category.label')}</label>
        <select id={selectId} className="input" value={choice} autoFocus={!create} onChange={(e) => setChoice(e.target.value)}>
          <option value={NONE}>{t('menu.noCategory')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
          <option value={NEW}>{t('menu.newCategory')}</option>
        </select>
      </div>
      {choice === NEW && (
        <HintedField label={t('category.newName')} value={name} onChange={setName} hint={t('category.newHint')} autoFocus />
      )}
    </Modal>
  );
}
