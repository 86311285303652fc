import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockRest, renderWithApp, session, testApi, torrent } from '../../test/fixtures';
import { StatusBar } from './StatusBar';

describe('status bar', () => {
  it('countsTheQueuedTorrentsOnlyWhileTheQueueIsOn', () => {
    const api = testApi(mockRest());
    renderWithApp(<StatusBar rest={api.rest} folder={null} />, api);
    act(() => api.store.ingest({ type: 'snapshot', seq: 1, torrents: [torrent(1)], session: session({ queueing: false, queued: 0 }) }));
    const bar = screen.getByRole('contentinfo', { name: 'Status' });
    expect(bar.textContent).not.toContain('queued');
    act(() => api.store.ingest({ type: 'update', seq: 2, torrents: [], added: [], removed: [], session: { queueing: true, queued: 2 } }));
    expect(bar.textContent).toContain('2 queued');
  });
});
