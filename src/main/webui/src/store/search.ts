import type { TorrentDto } from '../api/types';
import { statusOf } from './status';

/**
 * The list's search (UI spec 1.2): words match the name (all of them, any case, in any order), a
 * 40-hex string matches the info-hash exactly, and `key:value` tokens narrow by field —
 * `state:seeding`, `size:>1GiB`, `progress:<50`, `ratio:>=1`, `added:<7d` (added in the last 7
 * days), `added:>30d`, `hash:3f2a` (info-hash prefix), `path:/data/tv`. A token whose key is unknown
 * is a word. Parsed once per query, then applied to every row.
 */
export type SearchTerm = (t: TorrentDto, now: number) => boolean;

const INFO_HASH = /^[0-9a-f]{40}$/;
const COMPARE = /^(<=|>=|<|>|=)?\s*(\d+(?:\.\d+)?)\s*([a-z]*)$/;
const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2,
  g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4,
};
const AGE_UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return a === b;
  }
}

/** `op number unit` with the unit scaled by `units`; null if it does not read. */
function quantity(value: string, units: Readonly<Record<string, number>>): { op: string; amount: number } | null {
  const m = COMPARE.exec(value);
  if (m === null) return null;
  const scale = units[m[3] ?? ''];
  if (scale === undefined) return null;
  return { op: m[1] ?? '=', amount: Number(m[2]) * scale };
}

function fieldTerm(key: string, value: string): SearchTerm | null {
  switch (key) {
    case 'state':
    case 'status':
      return (t) => statusOf(t).startsWith(value) || t.state === value;
    case 'hash':
      return (t) => t.id.startsWith(value);
    case 'path':
    case 'folder':
      return (t) => t.saveDir.toLowerCase().includes(value);
    case 'size': {
      const q = quantity(value, SIZE_UNITS);
      return q === null ? null : (t) => compare(q.op, t.wantedBytes, q.amount);
    }
    case 'progress': {
      const q = quantity(value.replace(/%$/, ''), { '': 1 });
      return q === null ? null : (t) => compare(q.op, t.progress * 100, q.amount);
    }
    case 'ratio': {
      const q = quantity(value, { '': 1 });
      return q === null ? null : (t) => compare(q.op, t.ratio, q.amount);
    }
    case 'added': {
      // added:<7d = younger than 7 days; added:>7d = older.
      const q = quantity(value, AGE_UNITS);
      return q === null ? null : (t, now) => compare(q.op, now - Date.parse(t.addedAt), q.amount);
    }
    default:
      return null;
  }
}

/** The terms of a query (all must hold); an empty query has none and matches everything. */
export function parseSearch(search: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const token of search.trim().toLowerCase().split(/\s+/)) {
    if (token === '') continue;
    if (INFO_HASH.test(token)) {
      terms.push((t) => t.id.toLowerCase() === token);
      continue;
    }
    const colon = token.indexOf(':');
    const field = colon > 0 ? fieldTerm(token.slice(0, colon), token.slice(colon + 1)) : null;
    terms.push(field ?? ((t) => t.name.toLowerCase().includes(token)));
  }
  return terms;
}
