import { describe, expect, it } from 'vitest';
import { contentKind, contentPath, folderProblem, nameProblem, planRename } from './torrentRename';

const file = (path: string, padding = false) => ({
  index: 0, path, size: 1, verifiedBytes: 0, progress: 0, priority: 'NORMAL' as const, padding,
});
const base = { name: 'Show', customName: false, contentName: 'Show' };
const form = { name: 'Show', ownName: false, folder: 'Show' };

describe('torrent rename', () => {
  it('checksNamesAsTheServerDoes', () => {
    expect(nameProblem('  Any name: it is only a label / even with slashes ')).toBeNull();
    expect(nameProblem('   ')).toBe('renameTorrent.empty');
    expect(nameProblem('x'.repeat(1000))).toBeNull();
    expect(nameProblem('x'.repeat(1001))).toBe('renameTorrent.tooLong');
    expect(nameProblem('two\nlines')).toBe('renameTorrent.control');
    expect(nameProblem('tab\there')).toBe('renameTorrent.control');
    expect(nameProblem('c1\u0085control')).toBe('renameTorrent.control');
  });

  it('wantsOneNameOnDisk', () => {
    expect(folderProblem(' New folder ')).toBeNull();
    expect(folderProblem('...')).toBeNull();
    expect(folderProblem('')).toBe('renameTorrent.empty');
    expect(folderProblem('a/b')).toBe('renameTorrent.slash');
    expect(folderProblem('a\\b')).toBe('renameTorrent.slash');
    expect(folderProblem('/')).toBe('renameTorrent.slash');
    expect(folderProblem(' . ')).toBe('renameTorrent.dots');
    expect(folderProblem('..')).toBe('renameTorrent.dots');
  });

  it('plansOnlyWhatChanged', () => {
    expect(planRename(base, form)).toEqual({});
    expect(planRename(base, { ...form, name: ' Show ' })).toEqual({}); // trimmed, as the server keeps it
    expect(planRename(base, { ...form, name: ' Shown ' })).toEqual({ name: 'Shown' });
    expect(planRename(base, { ...form, folder: ' Disk ' })).toEqual({ folder: 'Disk' });
    expect(planRename(base, { ...form, name: 'Shown', folder: 'Disk' })).toEqual({ folder: 'Disk', name: 'Shown' });
    // Its own name follows the folder: typing the same there too gives it no name of its own.
    expect(planRename(base, { ...form, name: 'Disk', folder: 'Disk' })).toEqual({ folder: 'Disk' });
    // A name of its own stays unless changed, and goes back to its own with the box.
    const custom = { ...base, name: 'Mine', customName: true };
    expect(planRename(custom, { ...form, name: 'Mine', folder: 'Disk' })).toEqual({ folder: 'Disk' });
    expect(planRename(custom, { ...form, name: 'Disk', folder: 'Disk' })).toEqual({ folder: 'Disk', name: 'Disk' });
    expect(planRename(custom, { ...form, name: 'Mine', ownName: true })).toEqual({ name: null });
    // Without metadata there is no content to rename.
    expect(planRename({ ...base, contentName: '' }, { ...form, folder: '' })).toEqual({});
  });

  it('tellsAFolderFromAFile', () => {
    expect(contentKind([file('a.mkv'), file('b.txt')], 'Show')).toBe('folder');
    expect(contentKind([file('Season 1/a.mkv')], 'Show')).toBe('folder');
    expect(contentKind([file('a.mkv')], 'Show')).toBe('folder'); // the files list leaves the folder out
    expect(contentKind([file('a.mkv')], 'a.mkv')).toBe('file');
    expect(contentKind([file('a.mkv'), file('.pad/100', true)], 'a.mkv')).toBe('folder');
    expect(contentKind([], 'Show')).toBeNull();
    expect(contentKind(undefined, 'Show')).toBeNull();
    expect(contentKind([file('a.mkv')], '')).toBeNull();
  });

  it('joinsTheContentPathWithTheSaveFoldersSeparator', () => {
    expect(contentPath('/data', 'Show')).toBe('/data/Show');
    expect(contentPath('/data/', 'Show')).toBe('/data/Show');
    expect(contentPath('D:\\Downloads', 'Show')).toBe('D:\\Downloads\\Show');
    expect(contentPath('', 'Show')).toBe('Show');
  });
});
