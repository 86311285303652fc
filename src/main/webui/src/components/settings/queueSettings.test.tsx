import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../api/rest';
import { PREFS_KEY } from '../../prefs/prefs';
import { mockRest, renderWithApp, testApi } from '../../test/fixtures';
import { SETTINGS, validate } from './catalog';
import { SettingsPage } from './SettingsPage';
import type { SettingsDto } from './settingsApi';
import { settingsDto } from './testSettings';

type Call = [string, string, unknown?];

/** A server with settings, categories and tags; `answer` may override any request (an Error rejects it). */
function server(dto: SettingsDto, answer?: (method: string, path: string, body: unknown) => unknown) {
  const calls: Call[] = [];
  let categories = [{ name: 'tv/anime', folder: '', path: '/srv/downloads/tv/anime' }, { name: 'movies', folder: 'films', path: '/srv/downloads/films' }];
  let tags = ['4k', 'keep'];
  const request = vi.fn((method: string, path: string, body?: unknown) => {
    calls.push([method, path, body]);
    const a = answer?.(method, path, body);
    if (a instanceof Error) return Promise.reject(a);
    if (a !== undefined) return Promise.resolve(a);
    if (path === '/api/v1/categories' && method === 'GET') return Promise.resolve(categories);
    if (path === '/api/v1/tags' && method === 'GET') return Promise.resolve(tags);
    if (path === '/api/v1/categories' && method === 'POST') {
      categories = [...categories, { name: 'music', folder: 'audio', path: '/srv/downloads/audio' }];
      return Promise.resolve(categories.at(-1));
    }
    if (path.startsWith('/api/v1/categories/') && method === 'DELETE') {
      categories = categories.filter((c) => c.name !== 'movies');
      return Promise.resolve(undefined);
    }
    if (path === '/api/v1/tags' && method === 'POST') {
      tags = [...tags, 'new'];
      return Promise.resolve(tags);
    }
    if (path.startsWith('/api/v1/tags/') && method === 'DELETE') {
      tags = tags.filter((t) => t !== 'keep');
      return Promise.resolve(undefined);
    }
    return Promise.resolve(dto);
  });
  return { api: testApi(mockRest({ request: request as never })), calls };
}

async function renderSection(section: 'queue' | 'seeding' | 'categories', dto = settingsDto(),
  answer?: (method: string, path: string, body: unknown) => unknown) {
  const { api, calls } = server(dto, answer);
  renderWithApp(<SettingsPage section={section} onSection={vi.fn()} onShowWizard={vi.fn()} version="1" />, api);
  await screen.findByRole('heading', { level: 2 });
  return { api, calls };
}

const input = (name: string | RegExp) => screen.getByLabelText(name) as HTMLInputElement;
const puts = (calls: Call[]) => calls.filter(([m]) => m === 'PUT');
const save = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));

beforeEach(() => window.localStorage.removeItem(PREFS_KEY));

describe('settings: queue', () => {
  it('turnsTheQueueOnLiftsALimitAndSetsASlowThreshold', async () => {
    const { calls } = await renderSection('queue');
    expect(screen.getByRole('heading', { level: 2, name: 'Queue' })).toBeDefined();
    expect(input('Active downloads').value).toBe('3');
    const seedsOn = input('Limit: Active seeds');
    expect(seedsOn.checked).toBe(true);

    fireEvent.click(input('Queue torrents'));
    fireEvent.click(seedsOn);
    expect(input('Active seeds').disabled).toBe(true);
    expect(input('Active seeds').value).toBe('');
    fireEvent.change(input('Slow download below'), { target: { value: '4' } });
    await save();
    expect(puts(calls)).toEqual([['PUT', '/api/v1/settings', { queueing: true, maxActiveSeeds: -1, slowDownloadRate: 4096 }]]);
  });

  it('bringsBackTheLastNumberWhenALimitIsTurnedOnAgainAndChecksItsRange', async () => {
    const { calls } = await renderSection('queue');
    const box = input('Limit: Active torrents');
    fireEvent.change(input('Active torrents'), { target: { value: '8' } });
    fireEvent.click(box);
    fireEvent.click(box);
    expect(input('Active torrents').value).toBe('8');
    fireEvent.change(input('Active torrents'), { target: { value: '-4' } });
    expect(screen.getByText('Enter a number from 0 to 1,000,000.')).toBeDefined();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input('Active torrents'), { target: { value: '0' } });
    await save();
    expect(puts(calls)).toEqual([['PUT', '/api/v1/settings', { maxActiveTorrents: 0 }]]);
  });
});

describe('settings: seeding goals', () => {
  it('startsEachGoalOffAndSendsTheOnesTurnedOn', async () => {
    const { calls } = await renderSection('seeding');
    const ratio = input('Ratio');
    expect(ratio.disabled).toBe(true);
    expect(input('Limit: Ratio').checked).toBe(false);
    const help = document.getElementById(ratio.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(help.textContent).toContain('Default: no limit.');

    fireEvent.click(input('Limit: Ratio'));
    expect(input('Ratio').value).toBe('2'); // the usual one, as the default has none
    fireEvent.change(input('Ratio'), { target: { value: '1.5' } });
    fireEvent.click(input('Limit: Seeding time (minutes)'));
    fireEvent.change(input('Seeding time (minutes)'), { target: { value: '90.5' } });
    expect(screen.getByText('Enter a whole number.')).toBeDefined();
    fireEvent.change(input('Seeding time (minutes)'), { target: { value: '90' } });
    await save();
    expect(puts(calls)).toEqual([['PUT', '/api/v1/settings', { seedRatioLimit: 1.5, seedTimeLimitMinutes: 90 }]]);
  });

  it('turnsAGoalOffAsMinusOne', async () => {
    const { calls } = await renderSection('seeding', settingsDto({ editable: { seedIdleLimitMinutes: 30 } }));
    expect(input('Idle time (minutes)').value).toBe('30');
    fireEvent.click(input('Limit: Idle time (minutes)'));
    await save();
    expect(puts(calls)).toEqual([['PUT', '/api/v1/settings', { seedIdleLimitMinutes: -1 }]]);
  });

  it('checksLimitsAsTheServerDoes', () => {
    const ratio = SETTINGS.find((s) => s.key === 'seedRatioLimit')!;
    const downloads = SETTINGS.find((s) => s.key === 'maxActiveDownloads')!;
    expect(validate(ratio, -1)).toBeNull();
    expect(validate(ratio, 0.25)).toBeNull();
    expect(validate(ratio, -2)?.key).toBe('settings.error.range');
    expect(validate(ratio, 1e7)?.key).toBe('settings.error.range');
    expect(validate(downloads, 2.5)?.key).toBe('settings.error.integer');
    expect(validate(downloads, Number.NaN)?.key).toBe('settings.error.number');
  });
});

describe('settings: categories and tags', () => {
  it('listsCategoriesWithTheirFoldersAndCreatesOne', async () => {
    const { calls } = await renderSection('categories');
    const table = await screen.findByRole('table', { name: 'Categories' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['moviesfilms/srv/downloads/films', 'tv/anime(named after it)/srv/downloads/tv/anime']);
    fireEvent.change(screen.getByLabelText('New category'), { target: { value: ' music ' } });
    fireEvent.change(screen.getByLabelText('Its folder'), { target: { value: 'audio' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create category' })));
    expect(calls).toContainEqual(['POST', '/api/v1/categories', { name: 'music', folder: 'audio' }]);
    expect(await within(table).findByRole('rowheader', { name: 'music' })).toBeDefined();
    expect((screen.getByLabelText('New category') as HTMLInputElement).value).toBe('');
  });

  it('changesAFolderWithTheNameInThePathAndRemovesAfterAsking', async () => {
    const { calls } = await renderSection('categories');
    await screen.findByRole('table', { name: 'Categories' });
    fireEvent.click(screen.getByRole('button', { name: 'Change the folder of tv/anime' }));
    const edit = screen.getByRole('textbox', { name: 'Change the folder of tv/anime' });
    fireEvent.change(edit, { target: { value: 'anime' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    // Nested names keep their slash: each segment is encoded on its own.
    expect(calls).toContainEqual(['PUT', '/api/v1/categories/tv/anime', { folder: 'anime' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Remove movies' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove movies' });
    expect(dialog.textContent).toContain('keep their data');
    expect(calls.some(([m]) => m === 'DELETE')).toBe(false);
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Remove movies' })));
    expect(calls).toContainEqual(['DELETE', '/api/v1/categories/movies', undefined]);
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'movies' })).toBeNull());
  });

  it('showsARefusalOnTheNewCategoryField', async () => {
    await renderSection('categories', settingsDto(), (method, path) =>
      method === 'POST' && path === '/api/v1/categories' ? new ApiRequestError(409, 'conflict', 'category movies exists') : undefined);
    await screen.findByRole('table', { name: 'Categories' });
    const name = screen.getByLabelText('New category') as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'movies' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create category' })));
    expect(name.value).toBe('movies');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('category movies exists');
  });

  it('createsAndDeletesTags', async () => {
    const { calls } = await renderSection('categories');
    const list = await screen.findByRole('list', { name: 'Tags of the session' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['4k', 'keep']);
    fireEvent.change(screen.getByLabelText('New tags'), { target: { value: 'new, 4k' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create tags' })));
    expect(calls).toContainEqual(['POST', '/api/v1/tags', { names: ['new', '4k'] }]);
    expect(await within(list).findByText('new')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Delete tag keep' }));
    await act(async () => fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete tag keep' })));
    expect(calls).toContainEqual(['DELETE', '/api/v1/tags/keep', undefined]);
    await waitFor(() => expect(within(list).queryByText('keep')).toBeNull());
  });
});
