import type { ServerEvent } from './types';

type Rec = Record<string, unknown>;

const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const str = (v: unknown): v is string => typeof v === 'string';
const arr = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * Checks only the `type` and the shape a consumer dispatches on (seq numbers, lists, ids): the
 * server's schema is authoritative and deep checks of thousands of rows per second would cost more
 * than they catch. Anything else is passed through as the server sent it.
 */
function check(r: Rec): boolean {
  switch (r.type) {
    case 'hello':
      return str(r.name) && str(r.version);
    case 'snapshot':
      return (
        isSeq(r.seq) &&
        arr(r.torrents) &&
        isObject(r.session) &&
        (r.history === undefined || isObject(r.history)) &&
        (r.events === undefined || arr(r.events))
      );
    case 'update':
      return isSeq(r.seq) && arr(r.torrents) && arr(r.added) && arr(r.removed) && isObject(r.session);
    case 'heartbeat':
      return isSeq(r.seq);
    case 'peers':
      return str(r.torrent) && arr(r.peers);
    case 'files':
      return str(r.torrent) && arr(r.files);
    case 'trackers':
      return str(r.torrent) && arr(r.trackers);
    case 'pieces':
      return str(r.torrent) && str(r.have) && typeof r.pieceCount === 'number';
    case 'event':
      return isObject(r.event) && isSeq(r.event.id) && str(r.event.kind);
    case 'error':
      return str(r.error) && str(r.message);
    default:
      return false;
  }
}

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
  if (!isObject(parsed) || !check(parsed)) return null;
  if (parsed.type === 'hello') {
    // The hello is small and shown as is: keep only the fields the UI knows.
    return { type: 'hello', name: parsed.name as string, version: parsed.version as string };
  }
  return parsed as unknown as ServerEvent;
}
