import { useEffect, useId, useRef, useState } from 'react';
import { torrentPath } from '../../../api/rest';
import type { Schemas, TorrentDto } from '../../../api/types';
import { useApp } from '../../../context';
import { t, type MessageKey } from '../../../i18n';
import { CheckedField } from '../../ui/CheckedField';
import { DialogButtons } from '../../ui/DialogButtons';
import { Modal } from '../../ui/Modal';
import {
  contentKind, folderProblem, MAX_TORRENT_NAME, nameProblem, planRename, type RenameBase, type RenamePlan,
} from './torrentRename';

export interface TorrentRenameDialogProps {
  /** The torrent as it was when the dialog opened: the fields start from it. */
  readonly torrent: TorrentDto;
  readonly onClose: () => void;
}

const LABELS = { folder: 'renameTorrent.folder', file: 'renameTorrent.file', unknown: 'renameTorrent.folderOrFile' } as const;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The toast once saved: what changed, in words (`folder`: its new name on disk, also from an earlier Save here). */
function doneText(plan: RenamePlan, folder: string | null, now: RenameBase): string {
  if (folder !== null && plan.name !== undefined) return t('renameTorrent.doneBoth', { folder, name: now.name });
  if (folder !== null) return t('renameTorrent.doneDisk', { name: folder });
  return t(plan.name === null ? 'renameTorrent.doneOwn' : 'renameTorrent.done', { name: now.name });
}

/**
 * Renames one torrent, as qBittorrent's "Rename…" and Transmission's rename do: the name it is shown by (a
 * label; the files keep theirs), or back to its own, and its folder (or single file) on disk. Save sends only
 * what changed (the folder first, then the name); the server's refusal shows under its field and the dialog
 * stays open. The list and the details follow from the live updates. Rendered only while open.
 */
export function TorrentRenameDialog({ torrent, onClose }: TorrentRenameDialogProps) {
  const { rest, toast } = useApp();
  const id = torrent.id;
  const [base, setBase] = useState<RenameBase>(() => ({
    name: torrent.name, customName: torrent.customName, contentName: torrent.contentName,
  }));
  const [name, setName] = useState(torrent.name);
  const [ownName, setOwnName] = useState(false);
  const [folder, setFolder] = useState(torrent.contentName);
  const [kind, setKind] = useState<'folder' | 'file' | null>(null);
  const [nameRefused, setNameRefused] = useState<string | null>(null);
  const [folderRefused, setFolderRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const ownId = useId();

  useEffect(() => {
    nameInput.current?.focus();
    nameInput.current?.select();
    // Whether the content is a folder or a file shows in its field's label; its files tell.
    if (torrent.contentName === '') return undefined;
    let live = true;
    rest.request<Schemas['FileDto'][]>('GET', `${torrentPath(id)}/files`).then(
      (files) => live && setKind(contentKind(files, torrent.contentName)),
      () => undefined, // the label stays "Folder or file on disk"
    );
    return () => {
      live = false;
    };
    // Once, as it opens.
  }, []);

  const noContent = base.contentName === '';
  const nameCheck = ownName ? null : nameProblem(name);
  const folderCheck = noContent ? null : folderProblem(folder);
  const plan = planRename(base, { name, ownName, folder });
  const changed = plan.folder !== undefined || plan.name !== undefined;
  const valid = nameCheck === null && folderCheck === null && changed;

  const save = async () => {
    if (!valid || busy) return;
    setBusy(true);
    setNameRefused(null);
    setFolderRefused(null);
    let now = base;
    if (plan.folder !== undefined) {
      try {
        await rest.request('POST', `${torrentPath(id)}/rename`, { path: '', newPath: plan.folder } satisfies Schemas['RenameRequest']);
      } catch (error) {
        setFolderRefused(messageOf(error));
        setBusy(false);
        return;
      }
      // Done: a second Save (after the name is refused) does not send it again.
      now = { ...now, contentName: plan.folder };
      setBase(now);
    }
    const folderNow = plan.folder ?? (now.contentName !== torrent.contentName ? now.contentName : null);
    if (plan.name !== undefined) {
      try {
        const answer = await rest.change(id, { name: plan.name });
        now = { name: answer.name, customName: answer.customName, contentName: answer.contentName };
      } catch (error) {
        setNameRefused(messageOf(error));
        setBusy(false);
        return;
      }
    }
    toast(doneText(plan, folderNow, now), 'success');
    onClose();
  };

  const nameMessage = nameRefused ?? (nameCheck === null ? null : t(nameCheck, { max: MAX_TORRENT_NAME }));
  const folderMessage = folderRefused ?? (folderCheck === null ? null : t(folderCheck));
  return (
    <Modal
      open
      title={t('renameTorrent.title')}
      onClose={onClose}
      onSubmit={() => void save()}
      footer={
        <DialogButtons confirm={t(busy ? 'renameTorrent.busy' : 'renameTorrent.save')} disabled={!valid || busy} onCancel={onClose} />
      }
    >
      <CheckedField label={t('renameTorrent.name')} value={name} inputRef={nameInput} disabled={ownName} dir="auto"
        problem={nameMessage} refused={nameRefused !== null} hint={t(ownName ? 'renameTorrent.ownNameHint' : 'renameTorrent.nameHint')}
        onChange={(value) => {
          setName(value);
          setNameRefused(null);
        }} />
      {base.customName && (
        <div className="field field--check">
          <input id={ownId} type="checkbox" checked={ownName} onChange={(e) => {
            setOwnName(e.target.checked);
            setNameRefused(null);
          }} />
          <label htmlFor={ownId}>{t('renameTorrent.ownName')}</label>
        </div>
      )}
      <CheckedField label={t(LABELS[kind ?? 'unknown'] satisfies MessageKey)} value={folder} disabled={noContent} dir="auto"
        problem={folderMessage} refused={folderRefused !== null}
        hint={noContent ? t('renameTorrent.noMetadata') : t('renameTorrent.diskHint', { folder: torrent.saveDir })}
        onChange={(value) => {
          setFolder(value);
          setFolderRefused(null);
        }} />
    </Modal>
  );
}
