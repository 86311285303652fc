import type { ServerEvent } from './types';

/**
 * Parses one text frame from `/api/v1/events`.
 * Returns `null` for anything that is not a known, well-formed event, so that a newer server
 * sending event types this UI does not know yet cannot break it.
 */
export function parseServerEvent(data: unknown): ServerEvent | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  switch (record.type) {
    case 'hello':
      if (typeof record.name !== 'string' || typeof record.version !== 'string') return null;
      return { type: 'hello', name: record.name, version: record.version };
    default:
      return null;
  }
}
