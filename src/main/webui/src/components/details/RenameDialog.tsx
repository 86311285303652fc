import { useEffect, useRef, useState } from 'react';
import { errorText } from '../add/addApi';
import { CheckedField } from '../ui/CheckedField';
import { DialogButtons } from '../ui/DialogButtons';
import { Modal } from '../ui/Modal';
import { initialSelection, parentOf, renamedPath, type RenameTarget } from './rename';
import { dt } from './strings';

export interface RenameDialogProps {
  readonly target: RenameTarget;
  /** Sends the rename; a rejection's message is shown in the dialog, which stays open. */
  readonly onRename: (path: string, newPath: string) => Promise<void>;
  readonly onClose: () => void;
}

/**
 * Renames a file or folder inside the torrent: the name comes selected (a file's up to its extension),
 * Enter applies, and the server's refusal (a name taken, a bad path) shows here rather than in a toast.
 * Rendered only while open.
 */
export function RenameDialog({ target, onRename, onClose }: RenameDialogProps) {
  const [name, setName] = useState(target.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.setSelectionRange(0, initialSelection(target));
    // Once, as it opens: the selection is the starting point, not something to restore.
  }, []);

  const newPath = renamedPath(target.path, name);
  const valid = newPath !== null && newPath !== target.path;
  const submit = () => {
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    onRename(target.path, newPath).then(
      () => onClose(),
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure));
      },
    );
  };
  const folder = parentOf(target.path);
  return (
    <Modal
      open
      title={dt(target.folder ? 'detailsPane.rename.titleFolder' : 'detailsPane.rename.titleFile')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <DialogButtons confirm={dt(busy ? 'detailsPane.rename.busy' : 'detailsPane.rename.confirm')} disabled={!valid || busy}
          onCancel={onClose} />
      }
    >
      <CheckedField label={dt('detailsPane.rename.name')} value={name} inputRef={input} problem={error} refused
        hint={folder === '' ? dt('detailsPane.rename.hintTop') : dt('detailsPane.rename.hint', { folder })}
        onChange={(value) => {
          setName(value);
          setError(null);
        }} />
    </Modal>
  );
}
