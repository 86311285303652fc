import { Pencil } from 'lucide-react';
import { ContextMenu } from 'radix-ui';
import { useRef, useState, type MouseEvent, type ReactElement } from 'react';
import type { FileTree, TreeNode } from './fileTree';
import { tr } from './strings';

export interface TreeMenuProps {
  readonly tree: FileTree;
  /** Without it there is no menu (the Add dialog: nothing to rename before the torrent exists). */
  readonly onRename: ((node: TreeNode) => void) | undefined;
  /** The rows' container; each row carries `data-node-id`. */
  readonly children: ReactElement;
}

/** The file tree's right-click menu (also the keyboard's menu key): Rename… for the row under the pointer. */
export function TreeMenu({ tree, onRename, children }: TreeMenuProps) {
  const [node, setNode] = useState<TreeNode | null>(null);
  // A chosen item opens a dialog, which takes the focus: the closing menu must not move it back.
  const chosen = useRef(false);
  if (onRename === undefined) return children;

  const onContextMenu = (e: MouseEvent<HTMLElement>) => {
    const row = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-node-id]') : null;
    const found = row === null ? undefined : tree.nodes[Number(row.dataset.nodeId)];
    // Outside a row there is nothing to act on: no menu (a prevented event is one Radix leaves alone).
    if (found === undefined) e.preventDefault();
    else setNode(found);
  };
  return (
    // Not modal: a modal menu locks scrolling with an inline <style>, which the CSP refuses.
    <ContextMenu.Root modal={false}>
      <ContextMenu.Trigger asChild onContextMenu={onContextMenu}>
        {children}
      </ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content
          className="menu"
          aria-label={tr('fileTree.menuFor', { name: node?.name ?? '' })}
          onCloseAutoFocus={(e) => {
            if (chosen.current) e.preventDefault();
            chosen.current = false;
          }}
        >
          <ContextMenu.Item
            className="menu__item"
            onSelect={() => {
              if (node === null) return;
              chosen.current = true;
              onRename(node);
            }}
          >
            <Pencil size={14} aria-hidden="true" />
            <span className="menu__label">{tr('fileTree.rename')}</span>
            <span className="menu__shortcut" aria-hidden="true">
              F2
            </span>
          </ContextMenu.Item>
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
