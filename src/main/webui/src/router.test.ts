import { describe, expect, it } from 'vitest';
import { buildUrl, DEFAULT_SORT, parseLocation } from './router';

describe('router', () => {
  it('parsesEveryRoute', () => {
    expect(parseLocation('/', '').route).toEqual({ page: 'list' });
    expect(parseLocation('/t/abc', '').route).toEqual({ page: 'details', id: 'abc', tab: null });
    expect(parseLocation('/t/abc/peers', '').route).toEqual({ page: 'details', id: 'abc', tab: 'peers' });
    expect(parseLocation('/add', '?uri=magnet%3A%3Fxt%3Durn').route).toEqual({ page: 'add', uri: 'magnet:?xt=urn' });
    expect(parseLocation('/login', '').route).toEqual({ page: 'login' });
    expect(parseLocation('/t/%E0%A4%A', '').route).toEqual({ page: 'details', id: '%E0%A4%A', tab: null });
  });

  it('readsTheListQueryWithDefaultsForAnythingUnknown', () => {
    expect(parseLocation('/', '?state=seeding&q=ubu&sort=-down,name').query).toEqual({
      filter: 'seeding',
      search: 'ubu',
      sort: [{ column: 'down', desc: true }, { column: 'name', desc: false }],
    });
    expect(parseLocation('/', '?state=evil&sort=nope').query).toEqual({ filter: 'all', search: '', sort: DEFAULT_SORT });
  });

  it('roundTripsAndLeavesDefaultsOut', () => {
    const query = { filter: 'paused', search: 'a b&c', sort: [{ column: 'ratio', desc: true }] } as const;
    const url = buildUrl({ page: 'details', id: 'abc', tab: 'files' }, { ...query, sort: [...query.sort] });
    expect(url).toBe('/t/abc/files?state=paused&q=a+b%26c&sort=-ratio');
    const [path, search] = url.split('?');
    expect(parseLocation(path!, `?${search}`).query).toEqual(query);
    expect(buildUrl({ page: 'list' }, { filter: 'all', search: '', sort: DEFAULT_SORT })).toBe('/');
  });
});
