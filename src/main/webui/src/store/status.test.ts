import { describe, expect, it } from 'vitest';
import { torrent } from '../test/fixtures';
import { FILTERS, filterMask, matchesFilter } from './status';

describe('filterMask', () => {
  it('answersWhatMatchesFilterAnswersForEveryFilter', () => {
    let i = 0;
    for (const state of ['live', 'paused', 'checking', 'metadata', 'error', 'someday']) {
      for (const finished of [false, true]) {
        for (const downloadRate of [0, 1, -1, Number.NaN]) {
          for (const uploadRate of [0, 5]) {
            const t = torrent(++i, { state, finished, downloadRate, uploadRate });
            const mask = filterMask(t);
            FILTERS.forEach((f, bit) => expect(((mask >> bit) & 1) === 1, `${f} for ${JSON.stringify({ state, finished, downloadRate, uploadRate })}`).toBe(matchesFilter(t, f)));
          }
        }
      }
    }
  });
});
