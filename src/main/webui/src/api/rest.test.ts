import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createRest, magnetUri, metainfoUrl, playlistUrl } from './rest';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('rest', () => {
  it('postsBulkActionsAsTheBulkRequestSchema', async () => {
    const fetchMock = vi.fn((_url: RequestInfo | URL, _init?: RequestInit) =>
      Promise.resolve(json(200, { results: [{ id: 'a', ok: true }] })),
    );
    const rest = createRest({ fetch: fetchMock as typeof fetch });

    const result = await rest.bulk({ action: 'remove', ids: ['a'], deleteFiles: false });

    expect(result.results).toEqual([{ id: 'a', ok: true }]);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/torrents/actions');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ action: 'remove', ids: ['a'], deleteFiles: false });
  });

  it('callsEachTorrentEndpoint', async () => {
    const calls: string[] = [];
    const fetchMock = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method} ${String(url)}${init?.body ? ` ${String(init.body)}` : ''}`);
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    const rest = createRest({ fetch: fetchMock as typeof fetch });
    await rest.pause('a');
    await rest.resume('a');
    await rest.recheck('a');
    await rest.reannounce('a');
    await rest.remove('a', true);
    await rest.move('a', 'tv');
    await rest.setLimits('a', { downloadLimit: 1024 });
    await rest.change('a', { sequential: true });
    expect(calls).toEqual([
      'POST /api/v1/torrents/a/pause',
      'POST /api/v1/torrents/a/resume',
      'POST /api/v1/torrents/a/recheck',
      'POST /api/v1/torrents/a/reannounce',
      'DELETE /api/v1/torrents/a?deleteFiles=true',
      'POST /api/v1/torrents/a/move {"outputFolder":"tv"}',
      'PUT /api/v1/torrents/a/limits {"downloadLimit":1024}',
      'PATCH /api/v1/torrents/a {"sequential":true}',
    ]);
  });

  it('throwsTheServersErrorCodeAndMessage', async () => {
    const rest = createRest({ fetch: () => Promise.resolve(json(404, { error: 'unknown_torrent', message: 'No such torrent' })) });
    const error = await rest.pause('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 404, code: 'unknown_torrent', message: 'No such torrent' });
  });

  it('copesWithANonJsonErrorAndANetworkFailure', async () => {
    const html = createRest({ fetch: () => Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 })) });
    await expect(html.pause('x')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const offline = createRest({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.pause('x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('reportsAnExpiredSession', async () => {
    const onUnauthorized = vi.fn();
    const rest = createRest({ fetch: () => Promise.resolve(json(401, { error: 'unauthorized', message: 'Log in' })), onUnauthorized });
    await expect(rest.listTorrents()).rejects.toBeInstanceOf(ApiRequestError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('buildsLinksWithEncodedIds', () => {
    expect(metainfoUrl('ab/c')).toBe('/api/v1/torrents/ab%2Fc/metainfo');
    expect(playlistUrl('abc')).toBe('/api/v1/torrents/abc/playlist.m3u8');
    expect(magnetUri({ id: 'abc', name: 'a b&c' })).toBe('magnet:?xt=urn:btih:abc&dn=a%20b%26c');
  });
});
