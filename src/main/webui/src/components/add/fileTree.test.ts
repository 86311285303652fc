import { describe, expect, it } from 'vitest';
import {
  aggregate,
  allFolders,
  buildTree,
  checkStateOf,
  MIXED,
  prioritiesFrom,
  selectedSize,
  setChecked,
  setPriority,
  toPriorityChanges,
  uniformPriorities,
  visibleRows,
  type FileTree,
} from './fileTree';

const files = [
  { index: 0, path: 'album/cd1/01.flac', size: 100 },
  { index: 1, path: 'album/cd1/02.flac', size: 200 },
  { index: 2, path: 'album/cd2/01.flac', size: 300 },
  { index: 3, path: 'album/cover.jpg', size: 50 },
];

const idOf = (tree: FileTree, path: string) => tree.nodes.find((n) => n.path === path)!.id;

describe('fileTree', () => {
  it('buildsNestedFoldersWithSizesFoldersFirst', () => {
    const tree = buildTree(files);
    expect(tree.roots.map((id) => tree.nodes[id]!.name)).toEqual(['album']);
    const album = tree.nodes[idOf(tree, 'album')]!;
    expect(album.size).toBe(650);
    expect(album.children!.map((id) => tree.nodes[id]!.name)).toEqual(['cd1', 'cd2', 'cover.jpg']);
    expect(tree.nodes[idOf(tree, 'album/cd1/02.flac')]!.depth).toBe(2);
    expect(tree.totalSize).toBe(650);
    expect(tree.nodeOfFile.get(2)).toBe(idOf(tree, 'album/cd2/01.flac'));
  });

  it('dropsEmptySegmentsAndKeepsSingleFiles', () => {
    const tree = buildTree([{ index: 0, path: 'movie.mkv', size: 5 }, { index: 1, path: '/a//b.txt', size: 1 }]);
    expect(tree.nodes.map((n) => n.path).sort()).toEqual(['a', 'a/b.txt', 'movie.mkv']);
  });

  it('folderIsCheckedMixedOrUnchecked', () => {
    const tree = buildTree(files);
    let prio = uniformPriorities(tree);
    const cd1 = idOf(tree, 'album/cd1');
    const album = idOf(tree, 'album');
    expect(checkStateOf(aggregate(tree, prio), album)).toBe('checked');

    prio = setChecked(tree, prio, idOf(tree, 'album/cd1/01.flac'), false);
    let agg = aggregate(tree, prio);
    expect(checkStateOf(agg, cd1)).toBe('mixed');
    expect(checkStateOf(agg, album)).toBe('mixed');

    prio = setChecked(tree, prio, album, false);
    agg = aggregate(tree, prio);
    expect(checkStateOf(agg, cd1)).toBe('unchecked');
    expect(checkStateOf(agg, album)).toBe('unchecked');

    prio = setChecked(tree, prio, album, true);
    expect(checkStateOf(aggregate(tree, prio), album)).toBe('checked');
  });

  it('folderPriorityPropagatesAndShowsMixed', () => {
    const tree = buildTree(files);
    let prio = setPriority(tree, uniformPriorities(tree), idOf(tree, 'album/cd2'), 3);
    let agg = aggregate(tree, prio);
    expect(agg.priority[idOf(tree, 'album/cd2/01.flac')]).toBe(3);
    expect(agg.priority[idOf(tree, 'album/cd2')]).toBe(3);
    expect(agg.priority[idOf(tree, 'album')]).toBe(MIXED);

    prio = setPriority(tree, prio, idOf(tree, 'album'), 1);
    agg = aggregate(tree, prio);
    expect(agg.priority[idOf(tree, 'album')]).toBe(1);
  });

  it('checkingKeepsChosenPrioritiesOfWantedFiles', () => {
    const tree = buildTree(files);
    let prio = setPriority(tree, uniformPriorities(tree), idOf(tree, 'album/cover.jpg'), 3);
    prio = setChecked(tree, prio, idOf(tree, 'album/cd1'), false);
    prio = setChecked(tree, prio, idOf(tree, 'album'), true);
    expect(prio[idOf(tree, 'album/cover.jpg')]).toBe(3);
    expect(prio[idOf(tree, 'album/cd1/01.flac')]).toBe(2);
  });

  it('computesSelectedSizeAndChanges', () => {
    const tree = buildTree(files);
    let prio = setChecked(tree, uniformPriorities(tree), idOf(tree, 'album/cd1'), false);
    prio = setPriority(tree, prio, idOf(tree, 'album/cover.jpg'), 3);
    expect(selectedSize(tree, prio)).toBe(350);
    expect(aggregate(tree, prio).selected[idOf(tree, 'album')]).toBe(350);
    expect(toPriorityChanges(tree, prio)).toEqual([
      { index: 0, priority: 'skip' },
      { index: 1, priority: 'skip' },
      { index: 3, priority: 'high' },
    ]);
    const base = prioritiesFrom(tree, new Map([[0, 'skip']]));
    expect(toPriorityChanges(tree, prio, base)).toEqual([
      { index: 1, priority: 'skip' },
      { index: 3, priority: 'high' },
    ]);
  });

  it('listsVisibleRowsByExpansionAndFilter', () => {
    const tree = buildTree(files);
    const names = (ids: number[]) => ids.map((id) => tree.nodes[id]!.name);
    expect(names(visibleRows(tree, new Set()))).toEqual(['album']);
    expect(names(visibleRows(tree, new Set([idOf(tree, 'album')])))).toEqual(['album', 'cd1', 'cd2', 'cover.jpg']);
    expect(names(visibleRows(tree, allFolders(tree)))).toHaveLength(7);
    expect(names(visibleRows(tree, new Set(), 'CD2'))).toEqual(['album', 'cd2', '01.flac']);
    expect(visibleRows(tree, new Set(), 'nothing')).toEqual([]);
  });

  it('handles100000FilesFast', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      index: i,
      path: `root/d${i % 100}/e${i % 7}/file-${i}.bin`,
      size: 1000 + i,
    }));
    const started = performance.now();
    const tree = buildTree(many);
    let prio = uniformPriorities(tree);
    const folder = idOf(tree, 'root/d3');
    prio = setChecked(tree, prio, folder, false);
    prio = setPriority(tree, prio, idOf(tree, 'root/d4'), 3);
    const agg = aggregate(tree, prio);
    const rows = visibleRows(tree, allFolders(tree), 'file-99');
    const changes = toPriorityChanges(tree, prio);
    const elapsed = performance.now() - started;

    expect(checkStateOf(agg, idOf(tree, 'root'))).toBe('mixed');
    expect(checkStateOf(agg, folder)).toBe('unchecked');
    expect(changes).toHaveLength(2000);
    expect(rows.length).toBeGreaterThan(0);
    // Loose bound: a slow CI machine still passes; a quadratic algorithm would not.
    expect(elapsed).toBeLessThan(3000);
  });
});
