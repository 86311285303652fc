import { describe, expect, it } from 'vitest';
import type { ServerEvent, TorrentDto } from '../api/types';
import { parseTags } from '../api/labels';
import { session, torrent } from '../test/fixtures';
import { countLabels } from './labelCounts';
import { clickLabel, matchesLabels } from './labelFilter';
import { initialLiveState, reduceFrames, type LiveState } from './reduce';
import { createRowSelector, selectRows, type ListQuery } from './selectors';

const ctx = { now: 0, requestResync: () => {} };
const start = (ts: TorrentDto[]): LiveState =>
  reduceFrames(initialLiveState(), [{ type: 'snapshot', seq: 1, torrents: ts, session: session() }], ctx);
const change = (s: LiveState, torrents: Partial<TorrentDto>[], parts: Partial<Extract<ServerEvent, { type: 'update' }>> = {}) =>
  reduceFrames(s, [{ type: 'update', seq: s.seq! + 1, torrents: torrents as never, added: [], removed: [], session: {}, ...parts }], ctx);
const byName: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };
const asObject = (m: ReadonlyMap<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

describe('label counts', () => {
  it('countEachCategoryAndTagWithNoneUnderTheEmptyName', () => {
    const counts = countLabels([
      torrent(1, { category: 'tv', tags: ['4k', 'keep'] }),
      torrent(2, { category: 'tv', tags: [] }),
      torrent(3, { category: null, tags: ['4k'] }),
    ]);
    expect(asObject(counts.categories)).toEqual({ '': 1, tv: 2 });
    expect(asObject(counts.tags)).toEqual({ '': 1, '4k': 2, keep: 1 });
  });

  it('followEveryChangeAsAFullCountWouldAndStayTheSameObjectForRates', () => {
    const ts = Array.from({ length: 200 }, (_, i) =>
      torrent(i + 1, { category: i % 3 === 0 ? null : `c${i % 4}`, tags: i % 5 === 0 ? [] : [`t${i % 3}`, `t${i % 7}`] }));
    let s = start(ts);
    for (let round = 1; round <= 20; round++) {
      const changed = ts.filter((_, i) => (i + round) % 6 === 0).map((x, i) => ({
        id: x.id,
        downloadRate: round * 10,
        ...(i % 2 === 0 ? { category: round % 3 === 0 ? null : `c${round % 5}` } : {}),
        ...(i % 3 === 0 ? { tags: round % 4 === 0 ? [] : [`t${round % 6}`] } : {}),
      }));
      const added = round % 4 === 0 ? [torrent(1000 + round, { category: 'new', tags: ['fresh'] })] : [];
      const removed = round % 5 === 0 ? [ts[round]!.id] : [];
      s = change(s, changed, { added, removed });
      const full = countLabels(s.torrents.values());
      expect(asObject(s.labelCounts.categories), `round ${round}`).toEqual(asObject(full.categories));
      expect(asObject(s.labelCounts.tags), `round ${round}`).toEqual(asObject(full.tags));
    }
    const before = s.labelCounts;
    expect(change(s, [{ id: ts[1]!.id, downloadRate: 1 }]).labelCounts).toBe(before);
  });
});

describe('label filter', () => {
  it('clicksShowOnlyAddAndLeaveOut', () => {
    let f = clickLabel(undefined, 'tv', 'only');
    expect(f).toEqual({ include: ['tv'], exclude: [] });
    f = clickLabel(f, 'movies', 'include');
    expect(f).toEqual({ include: ['tv', 'movies'], exclude: [] });
    f = clickLabel(f, 'tv', 'exclude');
    expect(f).toEqual({ include: ['movies'], exclude: ['tv'] });
    f = clickLabel(f, 'tv', 'include');
    expect(f).toEqual({ include: ['movies', 'tv'], exclude: [] });
    f = clickLabel(f, 'movies', 'include');
    expect(f).toEqual({ include: ['tv'], exclude: [] });
  });

  it('matchesIncludedAndNotExcludedWithEmptyForNone', () => {
    const a = torrent(1, { category: 'tv', tags: ['4k', 'keep'] });
    const b = torrent(2, { category: null, tags: [] });
    const q = (x: Partial<ListQuery>) => ({ ...byName, ...x });
    expect(matchesLabels(b, q({ category: { include: [''], exclude: [] } }))).toBe(true);
    expect(matchesLabels(a, q({ category: { include: [''], exclude: [] } }))).toBe(false);
    expect(matchesLabels(a, q({ category: { include: [], exclude: ['tv'] } }))).toBe(false);
    expect(matchesLabels(b, q({ tag: { include: [''], exclude: [] } }))).toBe(true);
    expect(matchesLabels(b, q({ tag: { include: [], exclude: [''] } }))).toBe(false);
    expect(matchesLabels(a, q({ tag: { include: ['4k', 'other'], exclude: [] } }))).toBe(true);
    expect(matchesLabels(a, q({ tag: { include: ['4k', 'other'], exclude: [] }, allTags: true }))).toBe(false);
    expect(matchesLabels(a, q({ tag: { include: ['4k', 'keep'], exclude: [] }, allTags: true }))).toBe(true);
    expect(matchesLabels(a, q({ tag: { include: ['4k'], exclude: ['keep'] } }))).toBe(false);
  });

  it('movesARowInOrOutWhenItsCategoryChangesUnderAFilter', () => {
    const ts = [torrent(1, { name: 'a', category: 'tv' }), torrent(2, { name: 'b', category: 'movies' })];
    const select = createRowSelector();
    const tv: ListQuery = { ...byName, category: { include: ['tv'], exclude: [] } };
    const s1 = start(ts);
    expect(select(s1, tv)).toEqual([ts[0]!.id]);
    const s2 = change(s1, [{ id: ts[1]!.id, category: 'tv' }]);
    expect(select(s2, tv)).toEqual([ts[0]!.id, ts[1]!.id]);
    const s3 = change(s2, [{ id: ts[0]!.id, tags: ['x'] }]);
    expect(select(s3, { ...tv, tag: { include: ['x'], exclude: [] } })).toEqual([ts[0]!.id]);
  });
});

describe('new columns', () => {
  it('sortByQueuePositionCategoryTagsAndSeedingTime', () => {
    const ts = [
      torrent(1, { queuePosition: 2, category: 'b', tags: ['z'], seedingSeconds: 60 }),
      torrent(2, { queuePosition: 0, category: null, tags: ['a', 'b'], seedingSeconds: 7200 }),
      torrent(3, { queuePosition: 1, category: 'a', tags: [], seedingSeconds: 0 }),
    ];
    const map = new Map(ts.map((x) => [x.id, x]));
    const order = ts.map((x) => x.id);
    const ids = (column: ListQuery['sort'][number]['column'], desc = false) =>
      selectRows(map, order, { ...byName, sort: [{ column, desc }] }).map((id) => map.get(id)!.name.slice(-1));
    expect(ids('queue')).toEqual(['2', '3', '1']);
    expect(ids('category')).toEqual(['2', '3', '1']);
    expect(ids('tags')).toEqual(['3', '2', '1']);
    expect(ids('seedingTime', true)).toEqual(['2', '1', '3']);
  });

  it('findsQueuedTorrentsBySearch', () => {
    const ts = [torrent(1, { state: 'queued' }), torrent(2)];
    const map = new Map(ts.map((x) => [x.id, x]));
    expect(selectRows(map, ts.map((x) => x.id), { ...byName, search: 'state:queued' })).toEqual([ts[0]!.id]);
    expect(selectRows(map, ts.map((x) => x.id), { ...byName, filter: 'queued' })).toEqual([ts[0]!.id]);
  });
});

describe('parseTags', () => {
  it('trimsDropsEmptyAndRepeatedOnes', () => {
    expect(parseTags(' 4k, keep,,4k ,  ')).toEqual(['4k', 'keep']);
    expect(parseTags('')).toEqual([]);
  });
});
