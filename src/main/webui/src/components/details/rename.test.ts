import { describe, expect, it } from 'vitest';
import { initialSelection, parentOf, renamedPath } from './rename';

describe('rename paths', () => {
  it('replacesTheLastPartOnly', () => {
    expect(renamedPath('show/s1/e01.mkv', 'Episode 1.mkv')).toBe('show/s1/Episode 1.mkv');
    expect(renamedPath('e01.mkv', 'Episode 1.mkv')).toBe('Episode 1.mkv');
    expect(renamedPath('show/s1', 'Season 1')).toBe('show/Season 1');
  });

  it('movesIntoASubfolderWithASlashAndIgnoresSlashesAndSpacesAtTheEnds', () => {
    expect(renamedPath('show/e01.mkv', 'extras/e01.mkv')).toBe('show/extras/e01.mkv');
    expect(renamedPath('show/e01.mkv', ' /x.mkv/ ')).toBe('show/x.mkv');
    expect(renamedPath('show/e01.mkv', ' / ')).toBeNull();
    expect(renamedPath('show/e01.mkv', '')).toBeNull();
  });

  it('selectsAFilesNameUpToItsExtension', () => {
    expect(initialSelection({ path: 'a/b.tar.gz', name: 'b.tar.gz', folder: false })).toBe(5);
    expect(initialSelection({ path: 'a/.hidden', name: '.hidden', folder: false })).toBe(7);
    expect(initialSelection({ path: 'a/v1.2', name: 'v1.2', folder: true })).toBe(4);
    expect(parentOf('a/b/c')).toBe('a/b');
    expect(parentOf('c')).toBe('');
  });
});
