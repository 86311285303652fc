import { useEffect, useId, useRef, useState } from 'react';
import { parseTags } from '../../../api/labels';
import { t } from '../../../i18n';
import { DialogButtons } from '../../ui/DialogButtons';
import { HintedField } from '../../ui/HintedField';
import { Modal } from '../../ui/Modal';
import type { Tri } from '../menuState';

export interface TagsDialogProps {
  readonly open: boolean;
  readonly count: number;
  /** Every tag with whether all of the torrents have it, some, or none. */
  readonly tags: readonly { readonly name: string; readonly state: Tri }[];
  /** Opened by "New tag…": starts in the new tags field. */
  readonly create: boolean;
  readonly onConfirm: (add: string[], remove: string[]) => void;
  readonly onClose: () => void;
}

/** A checkbox that can show "some of them" (the DOM's indeterminate state has no attribute). */
function TriBox({ id, state, onChange }: { id: string; state: Tri; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'indeterminate';
  }, [state]);
  return <input ref={ref} id={id} type="checkbox" checked={state === true} onChange={(e) => onChange(e.target.checked)} />;
}

/**
 * The tags of the selected torrents: a box per tag (a dash where only some have it; left so, it is
 * left alone), and new tags to create and add. Applies as at most two bulk requests.
 */
export function TagsDialog({ open, count, tags, create, onConfirm, onClose }: TagsDialogProps) {
  const [states, setStates] = useState<Record<string, Tri>>({});
  const [fresh, setFresh] = useState('');
  const baseId = useId();
  useEffect(() => {
    if (!open) return;
    setStates(Object.fromEntries(tags.map((x) => [x.name, x.state])));
    setFresh('');
    // Only on opening: live updates must not undo what is being ticked.
  }, [open]);

  const confirm = () => {
    const add = tags.filter((x) => states[x.name] === true && x.state !== true).map((x) => x.name);
    const remove = tags.filter((x) => states[x.name] === false && x.state !== false).map((x) => x.name);
    for (const name of parseTags(fresh)) if (!add.includes(name) && states[name] !== true) add.push(name);
    onConfirm(add, remove);
  };

  return (
    <Modal
      open={open}
      title={t('tagsDialog.title', { count })}
      onClose={onClose}
      onSubmit={confirm}
      footer={<DialogButtons confirm={t('tagsDialog.confirm')} onCancel={onClose} />}
    >
      {tags.length > 0 ? (
        <fieldset className="tags-dialog__list">
          <legend>{t('tagsDialog.existing')}</legend>
          {tags.map((x, i) => (
            <div key={x.name} className="field field--check">
              <TriBox id={`${baseId}-${i}`} state={states[x.name] ?? x.state}
                onChange={(on) => setStates((s) => ({ ...s, [x.name]: on }))} />
              <label htmlFor={`${baseId}-${i}`}>
                <bdi dir="auto">{x.name}</bdi>
              </label>
            </div>
          ))}
        </fieldset>
      ) : (
        <p className="field__hint">{t('tagsDialog.none')}</p>
      )}
      <HintedField label={t('tagsDialog.new')} value={fresh} onChange={setFresh} hint={t('tagsDialog.newHint')} autoFocus={create} />
    </Modal>
  );
}
