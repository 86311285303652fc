import { describe, expect, it } from 'vitest';
import { fetchVersion, VersionError } from './version';

function fetchAnswering(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return async (input) => {
    seen.push(String(input));
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

describe('fetchVersion', () => {
  it('returnsNameAndVersionFromTheVersionEndpoint', async () => {
    const seen: string[] = [];
    const info = await fetchVersion(fetchAnswering(200, { name: 'bitquark', version: '0.1.0' }, seen));

    expect(info).toEqual({ name: 'bitquark', version: '0.1.0' });
    expect(seen).toEqual(['/api/v1/version']);
  });

  it('rejectsAnHttpErrorNamingTheStatus', async () => {
    await expect(fetchVersion(fetchAnswering(503, {}))).rejects.toThrow(
      new VersionError('GET /api/v1/version answered HTTP 503'),
    );
  });

  it('rejectsABodyWithoutAStringVersion', async () => {
    await expect(fetchVersion(fetchAnswering(200, { name: 'bitquark', version: 1 }))).rejects.toThrow(
      VersionError,
    );
  });
});
