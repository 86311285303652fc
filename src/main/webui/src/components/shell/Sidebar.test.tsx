import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { buildUrl, parseLocation } from '../../router';
import type { ListQuery } from '../../store/selectors';
import { selectRows } from '../../store/selectors';
import { loadSnapshot, mockRest, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { Sidebar } from './Sidebar';

const start: ListQuery = { filter: 'all', search: '', sort: [{ column: 'name', desc: false }] };

const TORRENTS = [
  torrent(1, { category: 'tv', tags: ['4k', 'keep'] }),
  torrent(2, { category: 'tv', tags: ['4k'] }),
  torrent(3, { category: 'movies', tags: [] }),
  torrent(4, { category: null, tags: ['keep'], state: 'queued', downloadRate: 0, uploadRate: 0 }),
  // A category the server's list does not have yet (another browser just made it): it counts too.
  torrent(5, { category: 'music', tags: ['fresh'], state: 'paused' }),
];

async function setup() {
  const request = vi.fn((method: string, path: string) => {
    if (path === '/api/v1/categories') return Promise.resolve([
      { name: 'movies', folder: '', path: '/d/movies' }, { name: 'tv', folder: '', path: '/d/tv' },
      { name: 'empty', folder: '', path: '/d/empty' },
    ]);
    if (path === '/api/v1/tags') return Promise.resolve(['4k', 'keep', 'unused']);
    return Promise.reject(new Error(`${method} ${path}`));
  });
  const api = testApi(mockRest({ request: request as never }));
  loadSnapshot(api, TORRENTS);
  const seen: ListQuery[] = [];
  function Harness() {
    const [query, setQuery] = useState(start);
    const change = (q: ListQuery) => {
      seen.push(q);
      setQuery(q);
    };
    return <Sidebar query={query} onFilter={(filter) => change({ ...query, filter })} onQuery={change} />;
  }
  renderWithApp(<Harness />, api);
  await act(() => api.labels.refresh());
  const section = (name: string) => screen.getByRole('region', { name });
  const link = (sectionName: string, name: RegExp) => within(section(sectionName)).getByRole('link', { name });
  const shown = () => {
    const s = api.store.getState();
    return selectRows(s.torrents, s.order, seen.at(-1) ?? start).map((id) => s.torrents.get(id)!.name.slice(-1));
  };
  return { api, seen, link, section, shown };
}

describe('sidebar categories and tags', () => {
  it('listsTheServersAndTheTorrentsOwnWithLiveCounts', async () => {
    const { api, link, section } = await setup();
    const names = (s: string) => within(section(s)).getAllByRole('link', { name: /^(?!Manage)/ }).map((a) => a.textContent);
    expect(names('Categories')).toEqual(['All categories5', 'Uncategorized1', 'empty0', 'movies1', 'music1', 'tv2']);
    expect(names('Tags')).toEqual(['All tags5', 'Untagged1', '4k2', 'fresh1', 'keep2', 'unused0']);
    // A torrent moved to another category moves its count along.
    act(() => api.store.ingest({ type: 'update', seq: 2, torrents: [{ id: torrent(2).id, category: 'movies' }], added: [], removed: [], session: {} }));
    expect(link('Categories', /^tv/).textContent).toBe('tv1');
    expect(link('Categories', /^movies/).textContent).toBe('movies2');
  });

  it('showsTheQueuedStateFilterWithItsCount', async () => {
    await setup();
    const nav = screen.getByRole('navigation', { name: 'Filters' });
    expect(within(nav).getByRole('link', { name: /^Queued/ }).textContent).toBe('Queued1');
  });

  it('clickShowsOnlyOneCtrlClickAddsAltClickLeavesOut', async () => {
    const { seen, link, shown } = await setup();
    fireEvent.click(link('Categories', /^tv/));
    expect(seen.at(-1)?.category).toEqual({ include: ['tv'], exclude: [] });
    expect(shown()).toEqual(['1', '2']);
    expect(link('Categories', /^tv/).getAttribute('aria-current')).toBe('true');

    fireEvent.click(link('Categories', /^Uncategorized/), { ctrlKey: true });
    expect(seen.at(-1)?.category).toEqual({ include: ['tv', ''], exclude: [] });
    expect(shown()).toEqual(['1', '2', '4']);

    fireEvent.click(link('Tags', /^keep/), { altKey: true });
    expect(seen.at(-1)?.tag).toEqual({ include: [], exclude: ['keep'] });
    expect(shown()).toEqual(['2']);
    expect(link('Tags', /^keep/).className).toContain('is-excluded');
    expect(link('Tags', /^keep/).textContent).toContain('(left out)');

    // Alt-click again takes it back; All clears the section.
    fireEvent.click(link('Tags', /^keep/), { altKey: true });
    expect(seen.at(-1)?.tag).toBeUndefined();
    fireEvent.click(link('Categories', /^All categories/));
    expect(seen.at(-1)).toEqual(start);
  });

  it('matchesAnyOrAllOfTheTagsChosen', async () => {
    const { seen, link, shown } = await setup();
    fireEvent.click(link('Tags', /^4k/));
    fireEvent.click(link('Tags', /^keep/), { metaKey: true });
    expect(shown()).toEqual(['1', '2', '4']);
    const mode = screen.getByRole('button', { name: 'Any' });
    expect(mode.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(mode);
    expect(seen.at(-1)?.allTags).toBe(true);
    expect(shown()).toEqual(['1']);
    expect(screen.getByRole('button', { name: 'All' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('linksEachToItsOnlyThisViewAndReadsItBack', async () => {
    const { link } = await setup();
    const href = link('Tags', /^Untagged/).getAttribute('href')!;
    expect(href).toBe('/?tag=');
    const q: ListQuery = { ...start, category: { include: ['tv', ''], exclude: ['movies'] }, tag: { include: ['4k', 'keep'], exclude: [] }, allTags: true };
    const url = buildUrl({ page: 'list' }, q);
    const [path, search] = url.split('?');
    expect(parseLocation(path!, `?${search}`).query).toEqual(q);
  });
});
