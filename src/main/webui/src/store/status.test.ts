import { describe, expect, it } from 'vitest';
import type { TorrentDto } from '../api/types';
import { torrent } from '../test/fixtures';
import { FILTERS, filterMask, matchesFilter, type FilterId } from './status';

const under = (t: TorrentDto): FilterId[] => FILTERS.filter((f) => matchesFilter(t, f));

describe('filters', () => {
  it('putEachTorrentUnderTheFiltersItBelongsTo', () => {
    const cases: [Partial<TorrentDto>, FilterId[]][] = [
      [{ state: 'live', finished: false, downloadRate: 5, uploadRate: 0 }, ['all', 'downloading', 'active']],
      [{ state: 'live', finished: false, downloadRate: 0, uploadRate: 0 }, ['all', 'downloading', 'inactive', 'stalled']],
      [{ state: 'live', finished: false, downloadRate: Number.NaN, uploadRate: 5 }, ['all', 'downloading', 'active', 'stalled']],
      [{ state: 'live', finished: true, downloadRate: 0, uploadRate: 5 }, ['all', 'seeding', 'completed', 'active']],
      [{ state: 'paused', finished: true, downloadRate: 0, uploadRate: 0 }, ['all', 'completed', 'paused', 'inactive']],
      [{ state: 'metadata', finished: false, downloadRate: 0, uploadRate: 0 }, ['all', 'downloading', 'inactive']],
      [{ state: 'checking', finished: false, downloadRate: 0, uploadRate: 0 }, ['all', 'inactive', 'checking']],
      [{ state: 'error', finished: false, downloadRate: 0, uploadRate: 0 }, ['all', 'inactive', 'error']],
      [{ state: 'someday', finished: false, downloadRate: 0, uploadRate: 0 }, ['all', 'inactive']],
      // Waiting for a slot: under Queued, and under Downloading or Seeding as what it waits to do; never stalled.
      [{ state: 'queued', finished: false, downloadRate: 0, uploadRate: 0 }, ['all', 'downloading', 'queued', 'inactive']],
      [{ state: 'queued', finished: true, downloadRate: 0, uploadRate: 0 }, ['all', 'seeding', 'completed', 'queued', 'inactive']],
    ];
    cases.forEach(([fields, expected], i) => {
      const t = torrent(i + 1, fields);
      expect(under(t), JSON.stringify(fields)).toEqual(expected);
      expect(filterMask(t)).toBe(expected.reduce((m, f) => m | (1 << FILTERS.indexOf(f)), 0));
    });
  });
});
