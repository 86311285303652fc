import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown, ChevronRight, File as FileIcon, Folder, Pencil } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { formatBytes, formatPercent } from '../../format';
import {
  aggregate,
  allFolders,
  carryExpanded,
  checkStateOf,
  defaultExpanded,
  MIXED,
  PRIORITIES,
  setChecked,
  setPriority,
  visibleRows,
  type FileTree,
  type PriorityCode,
  type TreeNode,
} from './fileTree';
import { tr } from './strings';
import { TreeMenu } from './TreeMenu';
import './add.css';

export const TREE_ROW_HEIGHT = 30;
/** Height assumed while the scroller has none yet (hidden, or jsdom in tests), so rows still render. */
const FALLBACK_HEIGHT = 360;

export interface FileTreeViewProps {
  readonly tree: FileTree;
  /** Priority code per node (see fileTree.ts). */
  readonly prio: Uint8Array;
  /** A new priorities array after a check or priority change at `node`. */
  readonly onChange: (prio: Uint8Array, node: number) => void;
  /** Verified bytes per node (Files tab): shows a progress column. */
  readonly verified?: Float64Array;
  /** A stream URL for a file row, or null (Files tab, media only). */
  readonly streamUrl?: (node: TreeNode) => string | null;
  readonly label: string;
  readonly disabled?: boolean;
  /** Rename a file or folder (Files tab): a button on each row, the rows' context menu and F2 in a row. */
  readonly onRename?: (node: TreeNode) => void;
}

/**
 * A torrent's files as an ARIA treegrid: tri-state checkboxes, a priority per file or folder, a
 * filter and expand/collapse all. Only the visible rows are in the DOM (fixed-height virtual rows),
 * so 100,000 files scroll like ten.
 */
export function FileTreeView({ tree, prio, onChange, verified, streamUrl, label, disabled = false, onRename }: FileTreeViewProps) {
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState(() => defaultExpanded(tree));
  const filterId = useId();
  // A new tree (another torrent, or the same one after a rename) keeps the folders open that still exist.
  const shown = useRef(tree);
  useEffect(() => {
    const before = shown.current;
    if (before === tree) return;
    shown.current = tree;
    setExpanded((current) => carryExpanded(before, current, tree));
  }, [tree]);

  const agg = useMemo(() => aggregate(tree, prio), [tree, prio]);
  const rows = useMemo(() => visibleRows(tree, expanded, filter), [tree, expanded, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TREE_ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i] ?? i,
    initialRect: { width: 600, height: FALLBACK_HEIGHT },
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT })),
  });

  const toggleFolder = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columns = `tree-row${verified ? ' tree-row--progress' : ''}${streamUrl ? ' tree-row--stream' : ''}`;

  return (
    <div className="file-tree">
      <div className="file-tree__tools">
        <label htmlFor={filterId} className="bq-sr-only">
          {tr('fileTree.filter')}
        </label>
        <input
          id={filterId}
          className="input file-tree__filter"
          type="search"
          placeholder={tr('fileTree.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          // Enter adds the torrent in the dialog's form; in the filter it only filters.
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        />
        <button type="button" className="button" onClick={() => setExpanded(allFolders(tree))}>
          {tr('fileTree.expandAll')}
        </button>
        <button type="button" className="button" onClick={() => setExpanded(new Set())}>
          {tr('fileTree.collapseAll')}
        </button>
      </div>
      <div role="treegrid" aria-label={label} aria-rowcount={rows.length + 1} className="file-tree__grid">
        <div role="row" aria-rowindex={1} className={`${columns} tree-row--head`}>
          <span role="columnheader">{tr('fileTree.name')}</span>
          <span role="columnheader">{tr('fileTree.size')}</span>
          {verified && <span role="columnheader">{tr('fileTree.progress')}</span>}
          <span role="columnheader">{tr('fileTree.priority')}</span>
          {streamUrl && <span role="columnheader">{tr('fileTree.stream')}</span>}
        </div>
        <div ref={scrollRef} className="file-tree__scroll" style={{ height: Math.min(FALLBACK_HEIGHT, Math.max(1, rows.length) * TREE_ROW_HEIGHT) }}>
          {rows.length === 0 && <p className="file-tree__empty">{tr('fileTree.noMatch')}</p>}
          <TreeMenu tree={tree} onRename={onRename}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const node = tree.nodes[rows[item.index]!]!;
                return (
                  <TreeRow
                    key={node.id}
                    node={node}
                    className={columns}
                    rowIndex={item.index + 2}
                    top={item.start}
                    check={checkStateOf(agg, node.id)}
                    priority={agg.priority[node.id]!}
                    expanded={filter.trim() !== '' || expanded.has(node.id)}
                    progress={verified ? (node.size > 0 ? verified[node.id]! / node.size : 1) : undefined}
                    stream={streamUrl && node.children === null ? streamUrl(node) : null}
                    streamColumn={streamUrl !== undefined}
                    disabled={disabled}
                    onToggleFolder={() => toggleFolder(node.id)}
                    onCheck={(checked) => onChange(setChecked(tree, prio, node.id, checked), node.id)}
                    onPriority={(code) => onChange(setPriority(tree, prio, node.id, code), node.id)}
                    {...(onRename === undefined ? {} : { onRename: () => onRename(node) })}
                  />
                );
              })}
            </div>
          </TreeMenu>
        </div>
      </div>
    </div>
  );
}

interface TreeRowProps {
  readonly node: TreeNode;
  readonly className: string;
  readonly rowIndex: number;
  readonly top: number;
  readonly check: 'checked' | 'unchecked' | 'mixed';
  readonly priority: number;
  readonly expanded: boolean;
  readonly progress: number | undefined;
  readonly stream: string | null;
  readonly streamColumn: boolean;
  readonly disabled: boolean;
  readonly onToggleFolder: () => void;
  readonly onCheck: (checked: boolean) => void;
  readonly onPriority: (code: PriorityCode) => void;
  readonly onRename?: () => void;
}

const CHECK_GLYPH = { checked: '✓', unchecked: '', mixed: '–' } as const;

function TreeRow(props: TreeRowProps) {
  const { node, check, priority, expanded, progress, stream, disabled } = props;
  const folder = node.children !== null;
  const changePriority = (e: ChangeEvent<HTMLSelectElement>) => {
    const code = Number(e.target.value);
    if (code >= 0 && code <= 3) props.onPriority(code as PriorityCode);
  };
  const { onRename } = props;
  // F2 renames, as in file managers, from whichever control of the row has the focus.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'F2' || onRename === undefined || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    e.preventDefault();
    onRename();
  };
  return (
    <div
      role="row"
      aria-level={node.depth + 1}
      aria-rowindex={props.rowIndex}
      {...(folder ? { 'aria-expanded': expanded } : {})}
      data-node-id={node.id}
      className={props.className}
      onKeyDown={onKeyDown}
      style={{ position: 'absolute', top: props.top, left: 0, right: 0, height: TREE_ROW_HEIGHT }}
    >
      <span role="gridcell" className="tree-row__name" style={{ paddingInlineStart: node.depth * 16 }}>
        {folder ? (
          <button
            type="button"
            className="icon-button tree-row__twisty"
            aria-label={tr(expanded ? 'fileTree.collapse' : 'fileTree.expand', { name: node.name })}
            onClick={props.onToggleFolder}
          >
            {expanded ? <ChevronDown size={14} aria-hidden="true" /> : <ChevronRight size={14} aria-hidden="true" />}
          </button>
        ) : (
          <span className="tree-row__twisty" />
        )}
        <button
          type="button"
          role="checkbox"
          aria-checked={check === 'mixed' ? 'mixed' : check === 'checked'}
          aria-label={tr('fileTree.want', { name: node.name })}
          className={`tree-check tree-check--${check}`}
          disabled={disabled}
          onClick={() => props.onCheck(check !== 'checked')}
        >
          <span aria-hidden="true">{CHECK_GLYPH[check]}</span>
        </button>
        {folder ? <Folder size={14} aria-hidden="true" /> : <FileIcon size={14} aria-hidden="true" />}
        <span className="tree-row__label" title={node.path} dir="auto">
          {node.name}
        </span>
        {onRename && (
          <button type="button" className="icon-button tree-row__rename" aria-label={tr('fileTree.renameOf', { name: node.name })}
            title={tr('fileTree.renameHint')} onClick={onRename}>
            <Pencil size={14} aria-hidden="true" />
          </button>
        )}
      </span>
      <span role="gridcell" className="tree-row__size">
        {formatBytes(node.size)}
      </span>
      {progress !== undefined && (
        <span role="gridcell" className="tree-row__progress">
          <span
            role="progressbar"
            aria-label={tr('fileTree.progressOf', { name: node.name })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.floor(progress * 1000) / 10}
            className="bar"
          >
            <span className="bar__fill" style={{ width: `${Math.min(100, progress * 100)}%` }} />
          </span>
          <span className="tree-row__pct">{formatPercent(progress)}</span>
        </span>
      )}
      <span role="gridcell">
        <select
          className="input tree-row__priority"
          aria-label={tr('fileTree.priorityOf', { name: node.name })}
          value={String(priority)}
          disabled={disabled}
          onChange={changePriority}
        >
          {priority === MIXED && (
            <option value={String(MIXED)} disabled>
              {tr('priority.mixed')}
            </option>
          )}
          {PRIORITIES.map((p, code) => (
            <option key={p} value={String(code)}>
              {tr(`priority.${p}`)}
            </option>
          ))}
        </select>
      </span>
      {props.streamColumn && (
        <span role="gridcell">
          {stream !== null && (
            <a href={stream} target="_blank" rel="noreferrer" aria-label={tr('fileTree.streamOf', { name: node.name })}>
              {tr('fileTree.stream')}
            </a>
          )}
        </span>
      )}
    </div>
  );
}
