import { describe, expect, it } from 'vitest';
import type { TorrentDto } from '../api/types';
import { torrent } from '../test/fixtures';
import { createRowSelector, parseSort, selectRows, type ListQuery } from './selectors';
import { countByFilter, statusOf } from './status';

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
    const counts = countByFilter([
      torrent(1, { state: 'live', finished: true, uploadRate: 0, downloadRate: 0 }),
      torrent(2, { state: 'live', downloadRate: 5 }),
      torrent(3, { state: 'paused', finished: true, downloadRate: 0, uploadRate: 0 }),
      torrent(4, { state: 'error', downloadRate: 0, uploadRate: 0 }),
      torrent(5, { state: 'checking', downloadRate: 0, uploadRate: 0 }),
    ]);
    expect(counts).toEqual({
      all: 5, downloading: 1, seeding: 1, completed: 2, paused: 1, active: 1, inactive: 4, stalled: 0, checking: 1, error: 1,
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
  const map = (ts: TorrentDto[]) => new Map(ts.map((t) => [t.id, t]));

  it('keepsItsAnswerWhenOnlyValuesOutsideTheSortAndFilterChange', () => {
    const ts = [torrent(1, { name: 'b' }), torrent(2, { name: 'a' }), torrent(3, { name: 'c' })];
    const order = ts.map((t) => t.id);
    const select = createRowSelector();
    const first = select(map(ts), order, byName);
    expect(first).toEqual([ts[1]!.id, ts[0]!.id, ts[2]!.id]);
    const faster = map([{ ...ts[0]!, downloadRate: 9e6 }, ts[1]!, ts[2]!]);
    expect(select(faster, order, byName)).toBe(first);
    expect(select(faster, order, byDown)[0]).toBe(ts[0]!.id);
  });

  it('sortsAgainWhenASortValueOrTheFilterMembershipChanges', () => {
    const ts = [torrent(1, { name: 'b' }), torrent(2, { name: 'a' })];
    const order = ts.map((t) => t.id);
    const select = createRowSelector();
    select(map(ts), order, byName);
    expect(select(map([{ ...ts[0]!, name: '0' }, ts[1]!]), order, byName)).toEqual([ts[0]!.id, ts[1]!.id]);
    const paused: ListQuery = { ...byName, filter: 'paused' };
    const none = select(map(ts), order, paused);
    expect(none).toEqual([]);
    expect(select(map([{ ...ts[0]!, state: 'paused' }, ts[1]!]), order, paused)).toEqual([ts[0]!.id]);
  });
});
