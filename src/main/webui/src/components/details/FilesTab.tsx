import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../context';
import { errorText } from '../add/addApi';
import { buildTree, prioritiesFrom, toPriorityChanges, type Priority, type TreeNode } from '../add/fileTree';
import { FileTreeView } from '../add/FileTreeView';
import { getFiles, renamePath, setFilePriorities, streamUrl, type FileDto } from './detailsApi';
import type { RenameTarget } from './rename';
import { RenameDialog } from './RenameDialog';
import { dt } from './strings';
import { useTopic } from './useTopic';

/** Audio and video a browser or player can play from the stream endpoint. */
const MEDIA = /\.(mp4|m4v|mkv|webm|mov|avi|ogv|ogg|mp3|m4a|flac|wav|opus|aac)$/i;

const fromFrame = (frame: { files: FileDto[] }) => frame.files;

/** A cheap identity of the file list (indices and paths), so progress frames do not rebuild the tree. */
function layoutKey(files: readonly FileDto[]): string {
  let h = files.length;
  for (const f of files) {
    if (f.padding) continue;
    for (let i = 0; i < f.path.length; i++) h = (Math.imul(h, 31) + f.path.charCodeAt(i)) | 0;
    h = (Math.imul(h, 31) + f.index) | 0;
  }
  return `${files.length}:${h}`;
}

/**
 * The Files tab: the torrent's tree with live progress. Priority and wanted edits are sent at once
 * (PATCH files) and shown optimistically; the answer, then the next `files` frame, reconcile them.
 * A file or folder is renamed in a dialog (row button, context menu, F2); the answer is the new list.
 */
export function FilesTab({ torrentId }: { torrentId: string }) {
  const { toast } = useApp();
  const { data, error, set } = useTopic(torrentId, 'files', getFiles, fromFrame);
  const [override, setOverride] = useState<Uint8Array | null>(null);
  const [renaming, setRenaming] = useState<RenameTarget | null>(null);
  useEffect(() => setOverride(null), [data]);

  const files = useMemo(() => (data ?? []).filter((f) => !f.padding), [data]);
  const key = layoutKey(files);
  const tree = useMemo(() => buildTree(files), [key]); // rebuilt only when the layout changes
  const serverPrio = useMemo(
    () => prioritiesFrom(tree, new Map(files.map((f) => [f.index, f.priority.toLowerCase() as Priority]))),
    [tree, files],
  );
  const verified = useMemo(() => {
    const out = new Float64Array(tree.nodes.length);
    for (const f of files) {
      const id = tree.nodeOfFile.get(f.index);
      if (id !== undefined) out[id] = f.verifiedBytes;
    }
    for (let id = tree.nodes.length - 1; id >= 0; id--) {
      const parent = tree.nodes[id]!.parent;
      if (parent >= 0) out[parent] = out[parent]! + out[id]!;
    }
    return out;
  }, [tree, files]);

  if (data === null) {
    return <p role={error === null ? 'status' : 'alert'}>{error ?? dt('detailsPane.loading')}</p>;
  }
  const prio = override ?? serverPrio;
  const change = (next: Uint8Array) => {
    const changes = toPriorityChanges(tree, next, prio);
    if (changes.length === 0) return;
    setOverride(next);
    setFilePriorities(torrentId, changes).then(
      (answer) => set(answer),
      (failure: unknown) => {
        setOverride(null);
        toast(errorText(failure), 'error');
      },
    );
  };
  const stream = (node: TreeNode) => (MEDIA.test(node.name) ? streamUrl(torrentId, node.fileIndex) : null);
  const startRename = (node: TreeNode) => {
    const folder = node.children !== null;
    // A file by its path exactly as the server sent it; a folder by the path its files share.
    const path = folder ? node.path : (files.find((f) => f.index === node.fileIndex)?.path ?? node.path);
    setRenaming({ path, name: node.name, folder });
  };
  const rename = async (path: string, newPath: string) => {
    set(await renamePath(torrentId, path, newPath));
    toast(dt('detailsPane.rename.done', { name: newPath }), 'success');
  };
  return (
    <>
      <FileTreeView
        tree={tree}
        prio={prio}
        verified={verified}
        streamUrl={stream}
        label={dt('detailsPane.filesLabel')}
        onChange={change}
        onRename={startRename}
      />
      {renaming !== null && <RenameDialog target={renaming} onRename={rename} onClose={() => setRenaming(null)} />}
    </>
  );
}
