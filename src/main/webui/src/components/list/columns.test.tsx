import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TorrentDto } from '../../api/types';
import { torrent } from '../../test/fixtures';
import { COLUMNS } from './columns';

/** Torrents in every state a cell shows differently. */
const BASES: readonly TorrentDto[] = [
  torrent(1),
  torrent(2, { finished: true, progress: 1, etaSeconds: -1, completedAt: '2026-01-02T00:00:00Z' }),
  torrent(3, { downloadRate: 0 }),
  torrent(4, { state: 'checking', checkedFraction: 0.25 }),
  torrent(5, { state: 'paused', downloadRate: 0, uploadRate: 0 }),
  torrent(6, { state: 'error', error: 'disk full' }),
  torrent(7, { state: 'error' }),
  torrent(8, { state: 'metadata', progress: 0 }),
  torrent(9, { state: 'someday' }),
];

/** A different value of the same type. */
function other(value: unknown): unknown {
  if (typeof value === 'number') return value === 0 ? 7 : -value * 3 + 1;
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'boolean') return !value;
  if (value === null) return 'changed';
  return { changed: true };
}

describe('columns', () => {
  // A cell renders again only when a field it declares changed (TorrentRow's Cell): a field it
  // reads without declaring it would leave a stale value on screen.
  it.each(COLUMNS.map((c) => [c.id, c] as const))('%s shows nothing from fields it does not declare', (_, column) => {
    for (const base of BASES) {
      const shown = renderToStaticMarkup(<>{column.render(base)}</>);
      for (const field of Object.keys(base) as (keyof TorrentDto)[]) {
        if (column.reads.includes(field)) continue;
        const changed = { ...base, [field]: other(base[field]) } as TorrentDto;
        expect(renderToStaticMarkup(<>{column.render(changed)}</>), `${column.id} with ${field} changed`).toBe(shown);
      }
    }
  });

  it('declaresFieldsThatExist', () => {
    const fields = new Set(Object.keys(torrent(1)));
    for (const column of COLUMNS) for (const field of column.reads) expect(fields, `${column.id}.${field}`).toContain(field);
  });
});
