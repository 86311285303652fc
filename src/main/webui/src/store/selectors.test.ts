import { describe, expect, it } from 'vitest';
import type { TorrentDto } from '../api/types';
import { torrent } from '../test/fixtures';
import { createRowSelector, parseSort, selectRows, type ListQuery } from './selectors';
import { countByFilter, initialLiveState, reduceFrames, type LiveState } from './reduce';
import { statusOf } from './status';
import type { ServerEvent } from '../api/types';
import { session } from '../test/fixtures';

/** 5,000 torrents with spread-out states, rates and names, deterministic. */
function synthetic(n = 5000): { map: Map<string, TorrentDto>; order: string[] } {
  const states = ['live', 'live', 'live', 'paused', 'checking', 'metadata', 'error'];
  const map = new Map<string, TorrentDto>();
  for (let i = 0; i < n; i++) {
    const t = torrent(i + 1, {
      name: `${['Ubuntu', 'Debian', 'Fedora', 'Arch'][i % 4]} ${(i * 7919) % 10007}`,
      state: states[i % states.length]!,
      finished: i % 3 === 0,
      downloadRate: (i * 37) % 5 === 0 ? 0 : (i * 37) % 100_000,
      uploadRate: (i * 13) % 7 === 0 ? 0 : (i * 13) % 50_000,
      progress: ((i * 31) % 1000) / 1000,
    });
    map.set(t.id, t);
  }
  return { map, order: [...map.keys()] };
}

const query = (q: Partial<ListQuery> = {}): ListQuery => ({ filter: 'all', search: '', sort: [], ...q });

describe('selectors', () => {
  it('filtersSortsAndSearches5000TorrentsQuickly', () => {
    const { map, order } = synthetic();
    const started = performance.now();
    const rows = selectRows(map, order, query({ filter: 'downloading', search: 'ubuntu', sort: [{ column: 'down', desc: true }] }));
    const elapsed = performance.now() - started;

    expect(rows.length).toBeGreaterThan(0);
    for (const id of rows) {
      const t = map.get(id)!;
      expect(t.name.toLowerCase()).toContain('ubuntu');
      expect((t.state === 'live' && !t.finished) || t.state === 'metadata').toBe(true);
    }
    const rates = rows.map((id) => map.get(id)!.downloadRate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(elapsed).toBeLessThan(200); // loose: jsdom on a shared CI runner
  });

  it('sortsAllRowsByEveryColumnInBudget', () => {
    const { map, order } = synthetic();
    const started = performance.now();
    for (const column of ['name', 'size', 'progress', 'state', 'eta', 'peers', 'ratio', 'added'] as const) {
      expect(selectRows(map, order, query({ sort: [{ column, desc: false }] }))).toHaveLength(5000);
    }
    expect(performance.now() - started).toBeLessThan(800);
  });

  it('breaksTiesByIdSoEqualRowsNeverSwap', () => {
    const a = torrent(2, { name: 'same' });
    const b = torrent(1, { name: 'same' });
    const map = new Map([[a.id, a], [b.id, b]]);
    const asc = selectRows(map, [a.id, b.id], query({ sort: [{ column: 'name', desc: false }] }));
    const desc = selectRows(map, [a.id, b.id], query({ sort: [{ column: 'name', desc: true }] }));
    expect(asc).toEqual([b.id, a.id]);
    expect(desc).toEqual([b.id, a.id]);
  });

  it('usesASecondaryKey', () => {
    const x = torrent(1, { state: 'paused', wantedBytes: 5 });
    const y = torrent(2, { state: 'paused', wantedBytes: 9 });
    const z = torrent(3, { state: 'error', wantedBytes: 1 });
    const map = new Map([x, y, z].map((t) => [t.id, t]));
    const rows = selectRows(map, [...map.keys()], query({ sort: [{ column: 'state', desc: false }, { column: 'size', desc: true }] }));
    expect(rows).toEqual([z.id, y.id, x.id]);
  });

  it('findsByNameSubstringOrExactInfoHash', () => {
    const { map, order } = synthetic(100);
    const target = map.get(order[42]!)!;
    expect(selectRows(map, order, query({ search: target.id.toUpperCase() }))).toEqual([target.id]);
    expect(selectRows(map, order, query({ search: 'FEDORA' })).length).toBe(25);
    expect(selectRows(map, order, query({ search: '  ' }))).toHaveLength(100);
  });

  it('derivesStatesAndCounts', () => {
    expect(statusOf(torrent(1, { state: 'live', finished: true }))).toBe('seeding');
    expect(statusOf(torrent(1, { state: 'live', downloadRate: 0 }))).toBe('stalled');
    expect(statusOf(torrent(1, { state: 'metadata' }))).toBe('metadata');
    expect(statusOf(torrent(1, { state: 'queued' }))).toBe('queued');
    const counts = countByFilter([
      torrent(1, { state: 'live', finished: true, uploadRate: 0, downloadRate: 0 }),
      torrent(2, { state: 'live', downloadRate: 5 }),
      torrent(3, { state: 'paused', finished: true, downloadRate: 0, uploadRate: 0 }),
      torrent(4, { state: 'error', downloadRate: 0, uploadRate: 0 }),
      torrent(5, { state: 'checking', downloadRate: 0, uploadRate: 0 }),
      torrent(6, { state: 'queued', downloadRate: 0, uploadRate: 0 }),
    ]);
    // A queued download waits to download: it is under Downloading too, as qBittorrent's queuedDL is.
    expect(counts).toEqual({
      all: 6, downloading: 2, seeding: 1, completed: 2, paused: 1, queued: 1, active: 1, inactive: 5, stalled: 0, checking: 1,
      error: 1,
    });
  });

  it('readsSortFromTheQueryStringDefensively', () => {
    expect(parseSort('name,-down')).toEqual([{ column: 'name', desc: false }, { column: 'down', desc: true }]);
    expect(parseSort('bogus,-down,-down')).toEqual([{ column: 'down', desc: true }]);
    expect(parseSort(null)).toEqual([]);
  });
});

describe('createRowSelector', () => {
  const byName: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };
  const byDown: ListQuery = { filter: 'all', search: '', sort: [{ column: 'down', desc: true }] };
  const ctx = { now: 0, requestResync: () => {} };
  const start = (ts: TorrentDto[]): LiveState =>
    reduceFrames(initialLiveState(), [{ type: 'snapshot', seq: 1, torrents: ts, session: session() }], ctx);
  const change = (s: LiveState, torrents: Partial<TorrentDto>[], parts: Partial<Extract<ServerEvent, { type: 'update' }>> = {}) =>
    reduceFrames(s, [{ type: 'update', seq: s.seq! + 1, torrents: torrents as never, added: [], removed: [], session: {}, ...parts }], ctx);

  it('keepsItsAnswerWhenOnlyValuesOutsideTheSortAndFilterChange', () => {
    const ts = [torrent(1, { name: 'b' }), torrent(2, { name: 'a' }), torrent(3, { name: 'c' })];
    const select = createRowSelector();
    const s1 = start(ts);
    const first = select(s1, byName);
    expect(first).toEqual([ts[1]!.id, ts[0]!.id, ts[2]!.id]);
    expect(select(s1, byName)).toBe(first);
    const faster = change(s1, [{ id: ts[0]!.id, downloadRate: 9e6 }]);
    expect(faster.version).toBe(s1.version + 1);
    expect(select(faster, byName)).toBe(first);
    expect(select(faster, byDown)[0]).toBe(ts[0]!.id);
  });

  it('sortsAgainWhenASortValueOrTheFilterMembershipChanges', () => {
    const ts = [torrent(1, { name: 'b' }), torrent(2, { name: 'a' })];
    const select = createRowSelector();
    const s1 = start(ts);
    expect(select(s1, byName)).toEqual([ts[1]!.id, ts[0]!.id]);
    const renamed = change(s1, [{ id: ts[0]!.id, name: '0' }]);
    expect(select(renamed, byName)).toEqual([ts[0]!.id, ts[1]!.id]);
    const paused: ListQuery = { ...byName, filter: 'paused' };
    expect(select(renamed, paused)).toEqual([]);
    expect(select(change(renamed, [{ id: ts[0]!.id, state: 'paused' }]), paused)).toEqual([ts[0]!.id]);
  });

  it('computesAgainAfterACommitItDidNotSee', () => {
    const ts = [torrent(1, { name: 'b' }), torrent(2, { name: 'a' })];
    const select = createRowSelector();
    const s1 = start(ts);
    expect(select(s1, byName)).toEqual([ts[1]!.id, ts[0]!.id]);
    // Two commits while nobody asked: the second alone moves nothing, the first renamed a torrent.
    const s3 = change(change(s1, [{ id: ts[0]!.id, name: '0' }]), [{ id: ts[0]!.id, downloadRate: 1 }]);
    expect(select(s3, byName)).toEqual([ts[0]!.id, ts[1]!.id]);
  });

  it('followsAddedAndRemovedTorrents', () => {
    const ts = [torrent(1, { name: 'b' }), torrent(2, { name: 'a' })];
    const select = createRowSelector();
    const s1 = start(ts);
    select(s1, byName);
    const s2 = change(s1, [], { added: [torrent(3, { name: '0' })], removed: [ts[1]!.id] });
    expect(select(s2, byName)).toEqual([torrent(3).id, ts[0]!.id]);
  });
});

describe('filter counts', () => {
  it('followEveryChangeAsAFullCountWould', () => {
    const { map } = synthetic(600);
    const ctx = { now: 0, requestResync: () => {} };
    let s = reduceFrames(initialLiveState(), [{ type: 'snapshot', seq: 1, torrents: [...map.values()], session: session() }], ctx);
    expect(s.counts).toEqual(countByFilter(s.torrents.values()));
    const ids = [...map.keys()];
    const states = ['live', 'paused', 'checking', 'metadata', 'error'] as const;
    for (let round = 0; round < 30; round++) {
      const changed = ids.filter((_, i) => (i * 7 + round * 13) % 5 === 0).map((id, i) => ({
        id,
        downloadRate: (i + round) % 3 === 0 ? 0 : 1000 * round,
        uploadRate: (i + round) % 4 === 0 ? 0 : 5,
        ...(i % 9 === round % 9 ? { state: states[(i + round) % states.length]!, finished: round % 2 === 0 } : {}),
      }));
      const added = round % 5 === 0 ? [torrent(10_000 + round, { state: 'live', finished: true })] : [];
      const removed = round % 7 === 3 ? [ids[round]!] : [];
      const before = s.counts;
      s = reduceFrames(s, [{ type: 'update', seq: s.seq! + 1, torrents: changed as never, added, removed, session: {} }], ctx);
      expect(s.counts).toEqual(countByFilter(s.torrents.values()));
      if (changed.length === 0 && added.length === 0 && removed.length === 0) expect(s.counts).toBe(before);
    }
  });
});
