import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadSnapshot, renderWithApp, testApi, torrent } from '../test/fixtures';
import { useSession, useTorrent } from './live';

describe('live hooks', () => {
  it('reRenderARowOnlyWhenItsOwnTorrentChanges', () => {
    const api = testApi();
    loadSnapshot(api, [torrent(1), torrent(2)]);
    const renders: Record<string, number> = {};
    function Row({ id }: { id: string }) {
      renders[id] = (renders[id] ?? 0) + 1;
      return <span>{useTorrent(id)?.progress}</span>;
    }
    function Speed() {
      renders.session = (renders.session ?? 0) + 1;
      return <span>{useSession()?.downloadRate}</span>;
    }
    const a = torrent(1).id;
    const b = torrent(2).id;
    renderWithApp(
      <>
        <Row id={a} />
        <Row id={b} />
        <Speed />
      </>,
      api,
    );
    expect(renders).toEqual({ [a]: 1, [b]: 1, session: 1 });

    act(() => api.store.ingest({ type: 'update', seq: 2, torrents: [{ id: b, progress: 0.9 }], added: [], removed: [], session: {} }));
    expect(renders[a]).toBe(1);
    expect(renders[b]).toBe(2);

    act(() => api.store.ingest({ type: 'update', seq: 3, torrents: [], added: [], removed: [], session: { downloadRate: 5 } }));
    expect(renders[a]).toBe(1);
    expect(renders[b]).toBe(2);
    expect(renders.session).toBe(2); // the first update changed no session field
  });
});
