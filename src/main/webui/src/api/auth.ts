import { t } from '../i18n';
export const SESSION_PATH = '/api/v1/auth/session';
export const LOGIN_PATH = '/api/v1/auth/login';

/** Thrown when the server cannot say whether this browser is logged in (network error, 5xx, …). */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Outcome of a login attempt, ready to show to the user. */
export type LoginResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'wrong-password' | 'rate-limited' | 'error'; readonly message: string };

/**
 * Whether the session cookie (or a loopback bypass on the server) authenticates this browser:
 * `true` on 200, `false` on 401. Anything else throws {@link AuthError}.
 */
export async function checkSession(fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<boolean> {
  const response = await fetchImpl(SESSION_PATH, {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (response.status === 200) return true;
  if (response.status === 401) return false;
  throw new AuthError(`GET ${SESSION_PATH} answered HTTP ${response.status}`);
}

/**
 * Logs in with the password. On success the server sets an HttpOnly session cookie, which the
 * browser then sends with every request and with the WebSocket upgrade; page code never sees it.
 */
export async function login(password: string, fetchImpl: typeof fetch = fetch): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetchImpl(LOGIN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ password }),
    });
  } catch {
    return { ok: false, reason: 'error', message: t('login.unreachable') };
  }
  if (response.status === 204) return { ok: true };
  if (response.status === 401) return { ok: false, reason: 'wrong-password', message: t('login.wrong') };
  if (response.status === 429) {
    const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const message = Number.isFinite(seconds) && seconds > 0 ? t('login.tooManyIn', { seconds }) : t('login.tooMany');
    return { ok: false, reason: 'rate-limited', message };
  }
  return { ok: false, reason: 'error', message: t('login.failed', { status: response.status }) };
}
