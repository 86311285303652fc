import axe from 'axe-core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppContext } from '../../context';
import { loadSnapshot, mockRest, testApi, torrent } from '../../test/fixtures';
import { AddDialog } from './AddDialog';

const HASH = 'ab'.repeat(20);
const preview = {
  infoHash: HASH,
  name: 'album',
  metadata: true,
  totalSize: 650,
  pieceLength: 16384,
  pieceCount: 1,
  private: true,
  files: [
    { index: 0, path: 'album/cd1/01.flac', size: 100 },
    { index: 1, path: 'album/cd1/02.flac', size: 200 },
    { index: 2, path: 'album/cd2/01.flac', size: 300 },
    { index: 3, path: 'album/cover.jpg', size: 50 },
  ],
  trackers: ['udp://t.example:6969/announce'],
};
const SPACE = { folder: '/data', exists: true, writable: true, freeBytes: 10 ** 12, totalBytes: 2 * 10 ** 12 };

type Route = (method: string, url: string, init: RequestInit) => unknown;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Replaces fetch; `route` answers a body (200), a Response, or throws for an unexpected call. */
function mockFetch(route: Route) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const answer = route(init.method ?? 'GET', String(input), init);
    if (answer === undefined) return Promise.reject(new Error(`unexpected ${init.method} ${String(input)}`));
    return Promise.resolve(answer instanceof Response ? answer : json(answer));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderDialog(props: Partial<Parameters<typeof AddDialog>[0]> = {}) {
  const api = testApi();
  const onClose = vi.fn();
  const onAdded = vi.fn();
  render(
    <AppContext.Provider value={api}>
      <AddDialog open onClose={onClose} onAdded={onAdded} {...props} />
    </AppContext.Provider>,
  );
  return { api, onClose, onAdded };
}

beforeEach(() => vi.unstubAllGlobals());
afterEach(() => vi.unstubAllGlobals());

describe('AddDialog', () => {
  it('sendsTheLimitsTypedInKibPerSecondAndRefusesOneThatIsNotANumber', async () => {
    let added: FormData | null = null;
    mockFetch((method, url, init) => {
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const form = init.body as FormData;
        if (form.get('listOnly') === 'true') return preview;
        added = form;
        return json(torrent(1, { id: HASH }), 201);
      }
      return undefined;
    });
    const file = new File(['d4:infod4:name5:albumee'], 'album.torrent');
    const { api, onAdded } = renderDialog({ initialInput: { files: [file] } });
    const toast = vi.spyOn(api, 'toast');
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog', { name: 'Add torrents' });
    await within(dialog).findByRole('treegrid', { name: 'Files' });

    const down = within(dialog).getByLabelText('Download limit (KiB/s)');
    await user.type(down, 'fast');
    expect(down.getAttribute('aria-invalid')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(toast).toHaveBeenCalledWith(expect.stringMatching(/whole number/), 'error');
    expect(added).toBeNull();

    await user.clear(down);
    await user.type(down, '512');
    await user.type(within(dialog).getByLabelText('Upload limit (KiB/s)'), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    const form = added as FormData | null;
    expect(form?.get('downloadLimit')).toBe(String(512 * 1024));
    expect(form?.get('uploadLimit')).toBeNull(); // 0: unlimited, the default
  });

  it('previewsATorrentFileAndAddsWithTheChosenPriorities', async () => {
    let added: FormData | null = null;
    const fetchMock = mockFetch((method, url, init) => {
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const form = init.body as FormData;
        if (form.get('listOnly') === 'true') return preview;
        added = form;
        return json(torrent(1, { id: HASH }), 201);
      }
      return undefined;
    });
    const file = new File(['d4:infod4:name5:albumee'], 'album.torrent');
    const { onAdded, onClose } = renderDialog({ initialInput: { files: [file] } });
    const user = userEvent.setup();

    const dialog = await screen.findByRole('dialog', { name: 'Add torrents' });
    const tree = await within(dialog).findByRole('treegrid', { name: 'Files' });
    expect(within(dialog).getByText('Yes')).toBeTruthy(); // private
    expect(within(dialog).getByText(/Selected: 650 B of 650 B/)).toBeTruthy();

    await user.click(within(tree).getByRole('checkbox', { name: 'Download cd1' }));
    await user.selectOptions(within(tree).getByRole('combobox', { name: 'Priority of cover.jpg' }), 'High');

    expect(within(tree).getByRole('checkbox', { name: 'Download album' }).getAttribute('aria-checked')).toBe('mixed');
    const albumRow = within(tree).getByRole('checkbox', { name: 'Download album' }).closest('[role="row"]')!;
    expect(albumRow.getAttribute('aria-level')).toBe('1');
    expect(albumRow.getAttribute('aria-expanded')).toBe('true');
    expect(within(dialog).getByText(/Selected: 350 B of 650 B/)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    expect(onClose).toHaveBeenCalled();
    const form = added as FormData | null;
    expect(form?.get('torrent')).toBeInstanceOf(File);
    expect(JSON.parse(String(form?.get('files')))).toEqual([
      { index: 0, priority: 'skip' },
      { index: 1, priority: 'skip' },
      { index: 3, priority: 'high' },
    ]);
    expect(form?.get('paused')).toBe('false');
    expect(fetchMock.mock.calls.every(([, init]) => init?.credentials === 'same-origin')).toBe(true);
  });

  it('fetchesAMagnetsMetadataThenShowsItsTree', async () => {
    let looks = 0;
    const calls: string[] = [];
    mockFetch((method, url, init) => {
      calls.push(`${method} ${url}`);
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const body = JSON.parse(String(init.body)) as { listOnly?: boolean; paused?: boolean; stopAfterMetadata?: boolean };
        if (body.listOnly) return { ...preview, metadata: false, name: 'Thing', files: [], totalSize: 0, pieceCount: 0, pieceLength: 0 };
        expect(body.paused).toBe(false); // it must run to fetch the metadata
        expect(body.stopAfterMetadata).toBe(true); // and then wait, paused, for the user's choice
        return json(torrent(1, { id: HASH, state: 'metadata' }), 201);
      }
      if (method === 'GET' && url === `/api/v1/torrents/${HASH}`) {
        looks += 1;
        return torrent(1, { id: HASH, name: 'album', state: looks === 1 ? 'metadata' : 'paused', peersConnected: 2, totalBytes: 650 });
      }
      if (method === 'POST' && url.endsWith('/pause')) return new Response(null, { status: 204 });
      if (method === 'POST' && url.endsWith('/resume')) return new Response(null, { status: 204 });
      if (url.endsWith('/files') && method === 'GET')
        return preview.files.map((f) => ({ ...f, verifiedBytes: 0, progress: 0, priority: 'NORMAL', padding: false }));
      if (url.endsWith('/files') && method === 'PATCH') return [];
      if (url.endsWith('/pieces')) return { pieceCount: 1, pieceLength: 16384, havePieces: 0, have: 'AA==' };
      return undefined;
    });
    const { onAdded } = renderDialog({ initialInput: { text: `magnet:?xt=urn:btih:${HASH}&dn=Thing` } });
    const user = userEvent.setup();

    expect(await screen.findByText(/Fetching metadata… \d+ s, 2 peers/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add without choosing' })).toBeTruthy();
    const tree = await screen.findByRole('treegrid', { name: 'Files' }, { timeout: 3000 });
    expect(calls).not.toContain(`POST /api/v1/torrents/${HASH}/pause`); // the server held it already

    await user.click(within(tree).getByRole('checkbox', { name: 'Download cd2' }));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    expect(calls).toContain(`PATCH /api/v1/torrents/${HASH}/files`);
    expect(calls.at(-1)).toBe(`POST /api/v1/torrents/${HASH}/resume`);
  });

  it('sendsFirstAndLastPiecesFirstWithAFileAdd', async () => {
    let added: FormData | null = null;
    mockFetch((method, url, init) => {
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const form = init.body as FormData;
        if (form.get('listOnly') === 'true') return preview;
        added = form;
        return json(torrent(1, { id: HASH }), 201);
      }
      return undefined;
    });
    const { onAdded } = renderDialog({ initialInput: { files: [new File(['x'], 'album.torrent')] } });
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog', { name: 'Add torrents' });
    await within(dialog).findByRole('treegrid', { name: 'Files' });
    const box = within(dialog).getByRole('checkbox', { name: 'Download first and last pieces first' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    const form = added as FormData | null;
    expect(form?.get('firstLastPiecePriority')).toBe('true');
    expect(form?.get('sequential')).toBe('false');
  });

  it('sendsTheCategoryAndTagsChosenWithTheAdd', async () => {
    let added: FormData | null = null;
    mockFetch((method, url, init) => {
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const form = init.body as FormData;
        if (form.get('listOnly') === 'true') return preview;
        added = form;
        return json(torrent(1, { id: HASH }), 201);
      }
      return undefined;
    });
    // The session's categories and tags come through the app's REST helper.
    const request = vi.fn((_method: string, path: string) =>
      Promise.resolve(path === '/api/v1/categories' ? [{ name: 'music', folder: 'audio', path: '/data/audio' }]
        : path === '/api/v1/tags' ? ['flac', 'keep'] : undefined));
    const api = testApi(mockRest({ request: request as never }));
    const refresh = vi.spyOn(api.labels, 'refresh');
    const onAdded = vi.fn();
    render(
      <AppContext.Provider value={api}>
        <AddDialog open onClose={() => {}} onAdded={onAdded} initialInput={{ files: [new File(['x'], 'album.torrent')] }} />
      </AppContext.Provider>,
    );
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog', { name: 'Add torrents' });
    await within(dialog).findByRole('treegrid', { name: 'Files' });

    const category = within(dialog).getByRole('combobox', { name: 'Category' });
    await user.type(category, 'music');
    expect(within(dialog).getByText('Saved in /data/audio unless an output folder is given.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Tags' }), 'new one, ');
    const keep = within(within(dialog).getByRole('group', { name: 'Existing tags' })).getByRole('button', { name: 'keep' });
    await user.click(keep);
    expect(keep.getAttribute('aria-pressed')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    const form = added as FormData | null;
    expect(form?.get('category')).toBe('music');
    expect(form?.get('tags')).toBe('new one,keep');
    expect(refresh).toHaveBeenCalled();
  });

  it('sendsAUrlsCategoryAndTagsAsJson', async () => {
    let body: Record<string, unknown> | null = null;
    mockFetch((method, url, init) => {
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const sent = JSON.parse(String(init.body)) as Record<string, unknown>;
        if (sent.listOnly) return preview; // with metadata: added in one request
        body = sent;
        return json(torrent(1, { id: HASH }), 201);
      }
      return undefined;
    });
    const { onAdded } = renderDialog({ initialInput: { text: 'https://example.org/album.torrent' } });
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog', { name: 'Add torrents' });
    await within(dialog).findByRole('treegrid', { name: 'Files' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Category' }), 'brand new');
    expect(within(dialog).getByText(/A new category “brand new”/)).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Tags' }), 'a,b');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Download first and last pieces first' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    expect(body).toMatchObject({
      source: 'https://example.org/album.torrent', category: 'brand new', tags: ['a', 'b'], firstLastPiecePriority: true,
    });
  });

  it('filesAMagnetFetchedBeforehandUnderANewCategoryAndItsFolder', async () => {
    const calls: string[] = [];
    const bodies: Record<string, unknown> = {};
    const patches: unknown[] = [];
    mockFetch((method, url, init) => {
      calls.push(`${method} ${url}`);
      if (init.body !== undefined && typeof init.body === 'string') bodies[`${method} ${url}`] = JSON.parse(init.body);
      if (method === 'PATCH' && url === `/api/v1/torrents/${HASH}`) patches.push(JSON.parse(String(init.body)));
      if (url.startsWith('/api/v1/session/space')) return SPACE;
      if (method === 'POST' && url === '/api/v1/torrents') {
        const body = JSON.parse(String(init.body)) as { listOnly?: boolean };
        if (body.listOnly) return { ...preview, metadata: false, name: 'Thing', files: [], totalSize: 0, pieceCount: 0, pieceLength: 0 };
        return json(torrent(1, { id: HASH, state: 'metadata' }), 201);
      }
      if (method === 'GET' && url === `/api/v1/torrents/${HASH}`) return torrent(1, { id: HASH, state: 'paused', totalBytes: 650 });
      if (url.endsWith('/files') && method === 'GET')
        return preview.files.map((f) => ({ ...f, verifiedBytes: 0, progress: 0, priority: 'NORMAL', padding: false }));
      if (url.endsWith('/pieces')) return { pieceCount: 1, pieceLength: 16384, havePieces: 0, have: 'AA==' };
      if (method === 'GET' && url === '/api/v1/categories') return [];
      if (method === 'POST' && url === '/api/v1/categories') return json({ name: 'tv', folder: '', path: '/data/tv' }, 201);
      if (method === 'PATCH' || url.endsWith('/move')) return torrent(1, { id: HASH });
      if (url.endsWith('/resume')) return new Response(null, { status: 204 });
      return undefined;
    });
    const { onAdded } = renderDialog({ initialInput: { text: `magnet:?xt=urn:btih:${HASH}&dn=Thing` } });
    const user = userEvent.setup();
    await screen.findByRole('treegrid', { name: 'Files' }, { timeout: 3000 });
    await user.type(screen.getByRole('combobox', { name: 'Category' }), 'tv');
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'x');
    await user.click(screen.getByRole('checkbox', { name: 'Download first and last pieces first' }));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith([HASH]));
    // A PATCH takes existing categories only: created first; the data goes to its folder as an add would.
    const torrentUrl = `/api/v1/torrents/${HASH}`;
    expect(calls).toEqual(expect.arrayContaining(['POST /api/v1/categories', `PATCH ${torrentUrl}`, `POST ${torrentUrl}/move`]));
    expect(calls.indexOf('POST /api/v1/categories')).toBeLessThan(calls.indexOf(`PATCH ${torrentUrl}`));
    expect(bodies['POST /api/v1/categories']).toEqual({ name: 'tv', folder: '' });
    expect(bodies[`POST ${torrentUrl}/move`]).toEqual({ outputFolder: 'tv' });
    expect(calls.at(-1)).toBe(`POST ${torrentUrl}/resume`);
    // Options changed since it was added for its metadata are patched: first and last pieces first among them.
    expect(patches).toEqual([{ category: 'tv' }, { firstLastPiecePriority: true }, { tags: ['x'] }]);
  });

  it('showsTheServersMessageOnABadFolder', async () => {
    mockFetch((_method, url) => {
      if (url === '/api/v1/session/space') return SPACE;
      if (url.startsWith('/api/v1/session/space?folder=')) {
        return json({ error: 'bad_folder', message: 'outputFolder ../etc is outside the download folder' }, 400);
      }
      return undefined;
    });
    renderDialog();
    const user = userEvent.setup();
    const field = await screen.findByRole('textbox', { name: 'Output folder' });
    await user.type(field, '../etc');

    const alert = await screen.findByText('outputFolder ../etc is outside the download folder');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
  });

  it('saysWhenATorrentIsAlreadyInTheList', async () => {
    mockFetch((method, url) => (url.startsWith('/api/v1/session/space') ? SPACE : method === 'POST' ? preview : undefined));
    const api = testApi();
    loadSnapshot(api, [torrent(1, { id: HASH, name: 'album' })]);
    render(
      <AppContext.Provider value={api}>
        <AddDialog open onClose={() => {}} initialInput={{ files: [new File(['x'], 'album.torrent')] }} />
      </AppContext.Provider>,
    );
    expect(await screen.findByText('album is already in the list')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
  });

  it('hasNoAxeViolationsWithATreeShown', async () => {
    mockFetch((method, url) => (url.startsWith('/api/v1/session/space') ? SPACE : method === 'POST' ? preview : undefined));
    renderDialog({ initialInput: { files: [new File(['x'], 'album.torrent')] } });
    await screen.findByRole('treegrid', { name: 'Files' });
    // jsdom has no colours or layout: contrast is checked in the browser e2e run.
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('closesOnEscape', async () => {
    mockFetch((_m, url) => (url.startsWith('/api/v1/session/space') ? SPACE : undefined));
    const { onClose } = renderDialog();
    await screen.findByRole('dialog', { name: 'Add torrents' });
    await userEvent.setup().keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
