import { describe, expect, it } from 'vitest';
import { torrent } from '../test/fixtures';
import { matchesSearch } from './selectors';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const ubuntu = torrent(1, {
  id: 'ab'.repeat(20),
  name: 'Ubuntu 24.04 Desktop',
  wantedBytes: 6 * 1024 ** 3,
  progress: 0.4,
  ratio: 1.5,
  addedAt: '2026-12-04T12:00:00Z',
  saveDir: '/data/iso',
});
const show = torrent(2, {
  id: 'cd'.repeat(20),
  name: 'Some.Show.S01E02.mkv',
  wantedBytes: 700 * 1024 ** 2,
  progress: 1,
  finished: true,
  ratio: 0.2,
  addedAt: '2026-10-01T12:00:00Z',
  saveDir: '/data/tv',
});
const match = (q: string) => [ubuntu, show].filter((t) => matchesSearch(t, q, undefined, NOW)).map((t) => t.id);

describe('search', () => {
  it('wordsMatchTheNameInAnyOrderAndCase', () => {
    expect(match('desktop ubuntu')).toEqual([ubuntu.id]);
    expect(match('s01e02')).toEqual([show.id]);
    expect(match('ubuntu show')).toEqual([]);
  });

  it('anInfoHashMatchesExactlyAndAPrefixWithHash', () => {
    expect(match(show.id)).toEqual([show.id]);
    expect(match('hash:abab')).toEqual([ubuntu.id]);
    expect(match('hash:CDCD')).toEqual([show.id]);
    expect(match('hash:0000')).toEqual([]);
  });

  it('keyValueTokensNarrowBySizeProgressRatioAgeStateAndFolder', () => {
    expect(match('size:>1GiB')).toEqual([ubuntu.id]);
    expect(match('size:<=700mib')).toEqual([show.id]);
    expect(match('progress:<50')).toEqual([ubuntu.id]);
    expect(match('ratio:>=1')).toEqual([ubuntu.id]);
    expect(match('added:<7d')).toEqual([ubuntu.id]);
    expect(match('added:>30d')).toEqual([show.id]);
    expect(match('path:/data/tv')).toEqual([show.id]);
    expect(match('state:seeding')).toEqual([show.id]);
    expect(match('size:>100mb show')).toEqual([show.id]);
  });

  it('anUnknownKeyOrAnUnreadableValueIsAWord', () => {
    expect(match('s01e02 colour:red')).toEqual([]);
    expect(match('size:huge')).toEqual([]);
    expect(match('Show.S01')).toEqual([show.id]);
  });
});
