import { describe, expect, it } from 'vitest';
import { AuthError, checkSession, login } from './auth';

type Seen = { url: string; init: RequestInit | undefined };

function answering(status: number, headers: Record<string, string> = {}, seen: Seen[] = []): typeof fetch {
  return async (input, init) => {
    seen.push({ url: String(input), init });
    return new Response(status === 204 ? null : '{}', { status, headers });
  };
}

describe('checkSession', () => {
  it('isTrueOn200AndFalseOn401', async () => {
    await expect(checkSession(answering(200))).resolves.toBe(true);
    await expect(checkSession(answering(401))).resolves.toBe(false);
  });

  it('throwsOnOtherStatuses', async () => {
    await expect(checkSession(answering(503))).rejects.toThrow(AuthError);
  });
});

describe('login', () => {
  it('postsThePasswordAsJson', async () => {
    const seen: Seen[] = [];
    await expect(login('s3cret', answering(204, {}, seen))).resolves.toEqual({ ok: true });
    expect(seen[0]?.url).toBe('/api/v1/auth/login');
    expect(seen[0]?.init?.method).toBe('POST');
    expect(seen[0]?.init?.body).toBe('{"password":"s3cret"}');
  });

  it('reportsAWrongPassword', async () => {
    await expect(login('x', answering(401))).resolves.toMatchObject({ ok: false, reason: 'wrong-password' });
  });

  it('reportsTheWaitWhenRateLimited', async () => {
    const result = await login('x', answering(429, { 'Retry-After': '42' }));
    expect(result).toEqual({ ok: false, reason: 'rate-limited', message: 'Too many failed attempts. Try again in 42 s.' });
  });

  it('reportsANetworkFailure', async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('offline'));
    await expect(login('x', failing)).resolves.toMatchObject({ ok: false, reason: 'error' });
  });
});
