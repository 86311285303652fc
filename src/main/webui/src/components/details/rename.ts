/** A file or folder of the torrent to rename: its path as the files list shows it, and its last part. */
export interface RenameTarget {
  readonly path: string;
  readonly name: string;
  readonly folder: boolean;
}

/** The folder a path sits in ('' at the top of the torrent). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * The new path for a typed name: it replaces the last part only (as in qBittorrent); a '/' in it moves
 * the file or folder into a subfolder of where it is. Spaces and slashes at either end are dropped;
 * null when nothing is left. Anything else (`.`, `..`, a name taken) is the server's to refuse.
 */
export function renamedPath(path: string, typed: string): string | null {
  const name = typed.trim().replace(/^\/+|\/+$/g, '').trim();
  if (name === '') return null;
  const parent = parentOf(path);
  return parent === '' ? name : `${parent}/${name}`;
}

/** How much of the name to select at first: a file's name up to its extension (so typing keeps it), a folder's all of it. */
export function initialSelection(target: RenameTarget): number {
  const dot = target.name.lastIndexOf('.');
  return target.folder || dot <= 0 ? target.name.length : dot;
}
