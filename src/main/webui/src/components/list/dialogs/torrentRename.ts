import type { Schemas } from '../../../api/types';
import type { MessageKey } from '../../../i18n';

type FileDto = Schemas['FileDto'];

/** Longest name the server keeps for a torrent (`TorrentPolicy.MAX_TORRENT_NAME`). */
export const MAX_TORRENT_NAME = 1000;

/** What the dialog started from (and, after a part is saved, what the server has now). */
export interface RenameBase {
  /** The name shown in lists. */
  readonly name: string;
  /** `name` is one the user gave it, not its own. */
  readonly customName: boolean;
  /** Its folder or file in the save folder; '' while the metadata is not here (nothing to rename yet). */
  readonly contentName: string;
}

/** The dialog's fields as typed. */
export interface RenameForm {
  readonly name: string;
  /** "Use its own name" ticked (offered only while it has one the user gave it). */
  readonly ownName: boolean;
  readonly folder: string;
}

/** What Save sends: a key only for what changed. `name: null` goes back to the torrent's own name. */
export interface RenamePlan {
  readonly folder?: string;
  readonly name?: string | null;
}

// Java's Character.isISOControl, which the server refuses in a name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a typed name cannot be saved, or null. */
export function nameProblem(typed: string): MessageKey | null {
  const name = typed.trim();
  if (name === '') return 'renameTorrent.empty';
  if (name.length > MAX_TORRENT_NAME) return 'renameTorrent.tooLong';
  if (CONTROL.test(name)) return 'renameTorrent.control';
  return null;
}

/**
 * Why a typed folder (or file) name cannot be sent, or null: it is one name in the save folder, so no
 * slash of either kind, and not `.` or `..`. Anything else (a name taken, a link out of the download
 * folder) is the server's to refuse.
 */
export function folderProblem(typed: string): MessageKey | null {
  const name = typed.trim();
  if (name === '') return 'renameTorrent.empty';
  if (name.includes('/') || name.includes('\\')) return 'renameTorrent.slash';
  if (name === '.' || name === '..') return 'renameTorrent.dots';
  return null;
}

/**
 * The requests Save makes: the folder when its name changed, the name when it changed. A torrent shown by
 * its own name follows its renamed folder, so typing the new folder's name there too sends no name (it would
 * make that name one the user gave, which no longer follows the folder).
 */
export function planRename(base: RenameBase, form: RenameForm): RenamePlan {
  const folder = form.folder.trim();
  const folderChanged = base.contentName !== '' && folder !== base.contentName;
  const plan: { folder?: string; name?: string | null } = folderChanged ? { folder } : {};
  if (form.ownName && base.customName) return { ...plan, name: null };
  const name = form.name.trim();
  if (name === base.name) return plan;
  if (!base.customName && folderChanged && name === folder) return plan;
  return { ...plan, name };
}

/**
 * Whether the content is a folder (a multi-file torrent's own) or a file (a single-file torrent's), told from
 * its files: a folder holds more than one, or a file in a subfolder, or a file not named as the content is
 * (the files list leaves a multi-file torrent's own folder out). Null when it cannot be told (no files yet).
 */
export function contentKind(files: readonly FileDto[] | null | undefined, contentName: string): 'folder' | 'file' | null {
  if (!Array.isArray(files) || files.length === 0 || contentName === '') return null;
  if (files.length > 1) return 'folder'; // padding files too: only a multi-file torrent has them
  const path = files[0]!.path;
  return path.includes('/') || path !== contentName ? 'folder' : 'file';
}

/** Where the data is: the save folder and the content's name, joined with the save folder's own separator. */
export function contentPath(saveDir: string, contentName: string): string {
  if (saveDir === '' || saveDir.endsWith('/') || saveDir.endsWith('\\')) return saveDir + contentName;
  const separator = saveDir.includes('\\') && !saveDir.includes('/') ? '\\' : '/';
  return `${saveDir}${separator}${contentName}`;
}
