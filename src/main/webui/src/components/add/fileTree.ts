/**
 * The file tree of a torrent as pure data, shared by the Add dialog and the Files tab.
 *
 * Nodes live in one flat array; a parent is always stored before its children, so one backwards
 * pass aggregates sizes and check states bottom-up in O(n) — a torrent with 100,000 files is
 * rebuilt and re-aggregated in a few milliseconds per click. Priorities are a `Uint8Array` indexed
 * by node id (folders unused): cheap to copy, so every edit returns a new array and React sees it.
 */

export const PRIORITIES = ['skip', 'low', 'normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Priority as a number: its index in {@link PRIORITIES}. */
export type PriorityCode = 0 | 1 | 2 | 3;
export const SKIP: PriorityCode = 0;
export const NORMAL: PriorityCode = 2;
/** A folder whose files do not all share one priority. */
export const MIXED = 255;

export interface TreeFileInput {
  readonly index: number;
  readonly path: string;
  readonly size: number;
}

export interface TreeNode {
  readonly id: number;
  readonly name: string;
  /** -1 for a top-level node. */
  readonly parent: number;
  /** 0 for top-level nodes. */
  readonly depth: number;
  /** Child node ids, folders first then by name; `null` for a file. */
  readonly children: number[] | null;
  /** The torrent's file index, -1 for a folder. */
  readonly fileIndex: number;
  /** Bytes of the file, or of every file below the folder. */
  readonly size: number;
  /** Path from the root, '/'-separated (for the filter and titles). */
  readonly path: string;
}

export interface FileTree {
  readonly nodes: readonly TreeNode[];
  readonly roots: readonly number[];
  readonly totalSize: number;
  /** Node id of each file index. */
  readonly nodeOfFile: ReadonlyMap<number, number>;
}

/** Check state of a row: none of its files wanted, all of them, or some. */
export type CheckState = 'unchecked' | 'checked' | 'mixed';

export interface Aggregate {
  /** Per node: 0 unchecked, 1 checked, 2 mixed. */
  readonly check: Uint8Array;
  /** Per node: its priority code, or {@link MIXED} for a folder with differing files. */
  readonly priority: Uint8Array;
  /** Per node: bytes of wanted (non-skipped) files. */
  readonly selected: Float64Array;
}

interface MutableNode {
  id: number;
  name: string;
  parent: number;
  depth: number;
  children: number[] | null;
  fileIndex: number;
  size: number;
  path: string;
}

const byFolderThenName = (nodes: readonly MutableNode[]) => (a: number, b: number) => {
  const na = nodes[a]!;
  const nb = nodes[b]!;
  const fa = na.children === null ? 1 : 0;
  const fb = nb.children === null ? 1 : 0;
  if (fa !== fb) return fa - fb;
  return na.name < nb.name ? -1 : na.name > nb.name ? 1 : 0;
};

/**
 * Builds the tree from '/'-separated paths (as the server sends them). Empty path segments are
 * dropped, so `a//b` and `/a/b` land at `a/b` rather than at a nameless folder.
 */
export function buildTree(files: readonly TreeFileInput[]): FileTree {
  const nodes: MutableNode[] = [];
  const roots: number[] = [];
  const rootFolders = new Map<string, number>();
  const nodeOfFile = new Map<number, number>();
  // Child folder ids by name per folder node, while building (kept off the nodes: they stay monomorphic).
  const folderMaps = new Map<number, Map<string, number>>();
  for (const file of files) {
    const parts = file.path.split('/').filter((p) => p !== '');
    if (parts.length === 0) parts.push(String(file.index));
    let parent = -1;
    let folders = rootFolders;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      let id = folders.get(name);
      if (id === undefined) {
        id = nodes.length;
        const path = parent < 0 ? name : `${nodes[parent]!.path}/${name}`;
        nodes.push({ id, name, parent, depth: i, children: [], fileIndex: -1, size: 0, path });
        folderMaps.set(id, new Map());
        folders.set(name, id);
        (parent < 0 ? roots : nodes[parent]!.children!).push(id);
      }
      parent = id;
      folders = folderMaps.get(id)!;
    }
    const id = nodes.length;
    const name = parts[parts.length - 1]!;
    const path = parent < 0 ? name : `${nodes[parent]!.path}/${name}`;
    nodes.push({ id, name, parent, depth: parts.length - 1, children: null, fileIndex: file.index, size: file.size, path });
    (parent < 0 ? roots : nodes[parent]!.children!).push(id);
    nodeOfFile.set(file.index, id);
  }
  // Parents precede children, so a backwards pass sums sizes bottom-up.
  for (let id = nodes.length - 1; id >= 0; id--) {
    const node = nodes[id]!;
    if (node.parent >= 0) nodes[node.parent]!.size += node.size;
  }
  const compare = byFolderThenName(nodes);
  roots.sort(compare);
  for (const node of nodes) node.children?.sort(compare);
  const totalSize = roots.reduce((sum, id) => sum + nodes[id]!.size, 0);
  return { nodes, roots, totalSize, nodeOfFile };
}

/** Priorities with every file at `code` (normal by default). */
export function uniformPriorities(tree: FileTree, code: PriorityCode = NORMAL): Uint8Array {
  return new Uint8Array(tree.nodes.length).fill(code);
}

/** Priorities from per-file-index values (e.g. the server's FileDto list); files not listed stay normal. */
export function prioritiesFrom(tree: FileTree, byIndex: ReadonlyMap<number, Priority>): Uint8Array {
  const out = uniformPriorities(tree);
  for (const [index, priority] of byIndex) {
    const id = tree.nodeOfFile.get(index);
    if (id !== undefined) out[id] = PRIORITIES.indexOf(priority);
  }
  return out;
}

/** Folder states, priorities and selected sizes, from the files up, in one O(n) pass. */
export function aggregate(tree: FileTree, prio: Uint8Array): Aggregate {
  const n = tree.nodes.length;
  const check = new Uint8Array(n);
  const priority = new Uint8Array(n);
  const selected = new Float64Array(n);
  // Per folder: wanted files, all files, and the first priority seen (MIXED once two differ).
  const wanted = new Uint32Array(n);
  const count = new Uint32Array(n);
  const seen = new Uint8Array(n);
  for (let id = n - 1; id >= 0; id--) {
    const node = tree.nodes[id]!;
    if (node.children === null) {
      const p = prio[id]!;
      priority[id] = p;
      count[id] = 1;
      wanted[id] = p === SKIP ? 0 : 1;
      selected[id] = p === SKIP ? 0 : node.size;
    } else if (count[id] === 0) {
      priority[id] = NORMAL; // an empty folder
    }
    check[id] = wanted[id] === 0 ? 0 : wanted[id] === count[id] ? 1 : 2;
    const parent = node.parent;
    if (parent >= 0) {
      if (seen[parent] === 0) {
        seen[parent] = 1;
        priority[parent] = priority[id]!;
      } else if (priority[parent] !== priority[id]) {
        priority[parent] = MIXED;
      }
      wanted[parent] = wanted[parent]! + wanted[id]!;
      count[parent] = count[parent]! + count[id]!;
      selected[parent] = selected[parent]! + selected[id]!;
    }
  }
  return { check, priority, selected };
}

export const checkStateOf = (agg: Aggregate, id: number): CheckState =>
  agg.check[id] === 0 ? 'unchecked' : agg.check[id] === 1 ? 'checked' : 'mixed';

/** Calls `visit` with every file node id below (or at) `id`. */
export function forEachFile(tree: FileTree, id: number, visit: (fileNode: number) => void): void {
  const stack = [id];
  while (stack.length > 0) {
    const node = tree.nodes[stack.pop()!]!;
    if (node.children === null) visit(node.id);
    else for (const child of node.children) stack.push(child);
  }
}

/** Sets every file below `id` to `code`; returns new priorities. */
export function setPriority(tree: FileTree, prio: Uint8Array, id: number, code: PriorityCode): Uint8Array {
  const out = prio.slice();
  forEachFile(tree, id, (f) => (out[f] = code));
  return out;
}

/**
 * Checks or unchecks a row. Unchecking skips its files; checking wants them again at normal
 * priority, but keeps a file already wanted at low or high (checking a mixed folder should not
 * undo the priorities the user chose inside it).
 */
export function setChecked(tree: FileTree, prio: Uint8Array, id: number, checked: boolean): Uint8Array {
  const out = prio.slice();
  forEachFile(tree, id, (f) => {
    if (!checked) out[f] = SKIP;
    else if (out[f] === SKIP) out[f] = NORMAL;
  });
  return out;
}

/** Bytes of the wanted files. */
export function selectedSize(tree: FileTree, prio: Uint8Array): number {
  let sum = 0;
  for (const node of tree.nodes) if (node.children === null && prio[node.id] !== SKIP) sum += node.size;
  return sum;
}

export interface PriorityChange {
  index: number;
  priority: Priority;
}

/**
 * The priorities as the API takes them (`[{index, priority}]`), only for files that differ from
 * `base` (default: every file normal, as the server adds them), to keep requests short.
 */
export function toPriorityChanges(tree: FileTree, prio: Uint8Array, base?: Uint8Array): PriorityChange[] {
  const out: PriorityChange[] = [];
  for (const node of tree.nodes) {
    if (node.children !== null) continue;
    const p = prio[node.id]!;
    if (p !== (base === undefined ? NORMAL : base[node.id])) out.push({ index: node.fileIndex, priority: PRIORITIES[p]! });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Ids of every folder (for "expand all"). */
export function allFolders(tree: FileTree): Set<number> {
  const out = new Set<number>();
  for (const node of tree.nodes) if (node.children !== null) out.add(node.id);
  return out;
}

/** Folders open by default: the top level, so a one-folder torrent shows its content at once. */
export function defaultExpanded(tree: FileTree): Set<number> {
  return new Set(tree.roots.filter((id) => tree.nodes[id]!.children !== null));
}

/**
 * The open folders of `before` carried to `after` by path (a rename rebuilds the tree with new ids):
 * folders open there stay open; a top-level folder new to the tree opens, as {@link defaultExpanded} does.
 */
export function carryExpanded(before: FileTree, expanded: ReadonlySet<number>, after: FileTree): Set<number> {
  const known = new Set<string>();
  const open = new Set<string>();
  for (const node of before.nodes) {
    if (node.children === null) continue;
    known.add(node.path);
    if (expanded.has(node.id)) open.add(node.path);
  }
  const out = new Set<number>();
  for (const node of after.nodes) {
    if (node.children !== null && (open.has(node.path) || (node.parent < 0 && !known.has(node.path)))) out.add(node.id);
  }
  return out;
}

/**
 * Node ids in display order: children of expanded folders only. With a filter (case-insensitive,
 * on the path) only matching files and their folders show, all opened, so a match is never hidden.
 */
export function visibleRows(tree: FileTree, expanded: ReadonlySet<number>, filter = ''): number[] {
  const needle = filter.trim().toLowerCase();
  let keep: Uint8Array | null = null;
  if (needle !== '') {
    keep = new Uint8Array(tree.nodes.length);
    for (const node of tree.nodes) {
      if (node.children !== null || !node.path.toLowerCase().includes(needle)) continue;
      for (let id = node.id; id >= 0 && keep[id] === 0; id = tree.nodes[id]!.parent) keep[id] = 1;
    }
  }
  const out: number[] = [];
  const stack = [...tree.roots].reverse();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (keep !== null && keep[id] === 0) continue;
    out.push(id);
    const node = tree.nodes[id]!;
    if (node.children !== null && (keep !== null || expanded.has(id))) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out;
}
