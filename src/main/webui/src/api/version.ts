import type { VersionInfo } from './types';

export const VERSION_PATH = '/api/v1/version';

/** Thrown when `GET /api/v1/version` fails or answers with something other than a version object. */
export class VersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionError';
  }
}

/**
 * Fetches the product name and version of the server that serves this page.
 *
 * @param fetchImpl injectable for tests; defaults to the global `fetch`
 */
export async function fetchVersion(
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<VersionInfo> {
  const response = await fetchImpl(VERSION_PATH, {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    throw new VersionError(`GET ${VERSION_PATH} answered HTTP ${response.status}`);
  }
  const body: unknown = await response.json();
  if (!isVersionInfo(body)) {
    throw new VersionError(`GET ${VERSION_PATH} answered without string fields "name" and "version"`);
  }
  return { name: body.name, version: body.version };
}

function isVersionInfo(value: unknown): value is VersionInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.name === 'string' && typeof record.version === 'string';
}
