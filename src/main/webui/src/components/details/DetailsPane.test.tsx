import axe from 'axe-core';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppContext, type AppApi } from '../../context';
import { loadSnapshot, testApi, torrent } from '../../test/fixtures';
import { DetailsPane } from './DetailsPane';

const ID = 'cd'.repeat(20);
const XSS = '<img src=x onerror=alert(1)>';
const LONG = 'n'.repeat(500);
const RTL = '\u202Egnp.exe';

const file = (index: number, path: string, progress: number, priority = 'NORMAL') => ({
  index, path, size: 1000, verifiedBytes: progress * 1000, progress, priority, padding: false,
});
const peer = (address: string, client: string, downloadRate: number) => ({
  address, client, outgoing: true, amChoking: false, amInterested: true, peerChoking: false, peerInterested: false,
  seed: false, snubbed: false, downloadRate, uploadRate: 0, downloadedTotal: 0, uploadedTotal: 0,
  requestsInFlight: 0, hashFailures: 0, progress: 0.5, connectedForMillis: 1000, source: 'dht' as const,
});

let api: ReturnType<typeof testApi>;
let calls: string[];
/** What PATCH files answers (the server answers the whole list). */
let patchAnswer: unknown[] = [];

function setup(tab: string | null, overrides: Parameters<typeof torrent>[1] = {}) {
  api = testApi();
  api.events.start();
  api.sockets.latest().hello();
  loadSnapshot(api, [torrent(1, { id: ID, downloadRate: 0, seedsConnected: 0, ...overrides })]);
  const onTabChange = vi.fn();
  function Harness() {
    const [current, setCurrent] = useState(tab);
    return (
      <AppContext.Provider value={api as AppApi}>
        <DetailsPane
          torrentId={ID}
          tab={current}
          onTabChange={(next) => {
            onTabChange(next);
            setCurrent(next);
          }}
          onClose={() => {}}
        />
      </AppContext.Provider>
    );
  }
  render(<Harness />);
  return { onTabChange, socket: api.sockets.latest() };
}

const frame = (body: object) => act(() => api.sockets.latest().receive(JSON.stringify(body)));

beforeEach(() => {
  calls = [];
  // REST loads stay pending: these tests drive the tabs with frames, as the server does.
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit = {}) => {
      calls.push(`${init.method ?? 'GET'} ${url}`);
      if (init.method === 'PATCH') return Promise.resolve(new Response(JSON.stringify(patchAnswer), { status: 200 }));
      if (init.method === 'POST') return Promise.resolve(new Response(null, { status: 204 }));
      return new Promise(() => {});
    }),
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  api.events.stop();
  vi.unstubAllGlobals();
});

describe('DetailsPane', () => {
  it('rendersSixTabsAndTheOverview', () => {
    setup(null);
    const tabs = within(screen.getByRole('tablist', { name: 'Details' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Overview', 'Files', 'Peers', 'Trackers', 'Pieces', 'Speed']);
    expect(screen.getByRole('tab', { name: /Overview/ }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Stalled: no seeds')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Progress' }).getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByRole('button', { name: 'Copy Info hash' })).toBeTruthy();
  });

  it('showsHowTheTorrentIsFiledQueuedAndSeeded', () => {
    setup('overview', {
      state: 'paused', finished: true, category: 'tv', tags: ['4k', 'keep'], queuePosition: 4, forced: false,
      seedGoals: { ratio: 3, seedingMinutes: -2, idleMinutes: -1 },
      effectiveSeedGoals: { ratio: 3, seedingMinutes: 1500, idleMinutes: -1 },
      goalReached: 'seeding goal reached: ratio 3.00 of 3.00', downloadingSeconds: 3_720, seedingSeconds: 90_000,
      lastActivityAt: '2026-03-04T05:06:00Z', firstLastPiecePriority: true,
    });
    const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(screen.getByText('Paused: seeding goal reached: ratio 3.00 of 3.00')).toBeTruthy();
    expect(fact('Category')).toBe('tv');
    expect(fact('Tags')).toBe('4k, keep');
    expect(fact('Queue position')).toBe('5'); // shown from 1
    expect(fact('Forced start')).toBe('No');
    expect(fact('First and last pieces first')).toBe('Yes');
    expect(fact('Ratio limit')).toBe('3.00');
    expect(fact('Seeding time limit')).toBe('1d 1h (default)');
    expect(fact('Idle time limit')).toBe('None');
    expect(fact('Goal reached')).toBe('seeding goal reached: ratio 3.00 of 3.00');
    expect(fact('Time downloading')).toBe('1h 2m');
    expect(fact('Time seeding')).toBe('1d 1h');
    expect(fact('Last activity')).not.toBe('–');
  });

  it('saysWhyAQueuedTorrentWaitsAndMarksAForcedOne', () => {
    setup('overview', { state: 'queued' });
    expect(screen.getByText('Queued: waiting for a free slot')).toBeTruthy();
    api.events.stop();
    cleanup();
    setup('overview', { state: 'live', forced: true, finished: true, category: null, tags: [] });
    expect(screen.getByText('Seeding (forced start)')).toBeTruthy();
    expect(screen.getByText('Category', { selector: 'dt' }).nextElementSibling!.textContent).toBe('None');
  });

  it('showsWhereTheDataIsAndRenamesFromThePencilByTheName', async () => {
    setup('overview', { name: 'Shown', customName: true, contentName: 'Show', saveDir: '/data' });
    const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('Save path')).toBe('/data');
    expect(fact('Content path')).toBe('/data/Show');
    expect(screen.getByRole('button', { name: 'Copy Content path' })).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Rename torrent' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename torrent' });
    expect((within(dialog).getByLabelText('Name') as HTMLInputElement).value).toBe('Shown');
    expect((within(dialog).getByLabelText(/on disk$/) as HTMLInputElement).value).toBe('Show');
    expect(within(dialog).getByRole('checkbox', { name: 'Use its own name' })).toBeTruthy();
    await user.keyboard('3'); // typed into the name, not a tab switch
    expect(screen.getByRole('tab', { name: /Overview/ }).getAttribute('aria-selected')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offersStartAgainOnError', async () => {
    setup('overview', { state: 'error', error: 'disk full: /data' });
    expect(screen.getByRole('alert').textContent).toContain('disk full: /data');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Start again' }));
    expect(calls).toContain(`POST /api/v1/torrents/${ID}/resume`);
  });

  it('switchesTabsWithNumberKeysAndFollowsTheTopicsOfTheOpenTab', async () => {
    const { onTabChange, socket } = setup('files');
    expect(socket.sent).toContainEqual({ type: 'subscribe', torrent: ID, topics: ['files'] });
    await userEvent.setup().keyboard('3');
    expect(onTabChange).toHaveBeenCalledWith('peers');
    expect(screen.getByRole('tab', { name: /Peers/ }).getAttribute('aria-selected')).toBe('true');
    expect(socket.sent).toContainEqual({ type: 'unsubscribe', torrent: ID });
    expect(socket.sent.at(-1)).toEqual({ type: 'subscribe', torrent: ID, topics: ['peers'] });
  });

  it('showsFilesFromFramesAndSetsPrioritiesLive', async () => {
    setup('files');
    frame({ type: 'files', torrent: ID, files: [file(0, 'show/a.mkv', 0.25), file(1, `show/${XSS}`, 1)] });
    const tree = await screen.findByRole('treegrid', { name: 'Files of the torrent' });
    expect(within(tree).getByRole('progressbar', { name: 'Progress of a.mkv' }).getAttribute('aria-valuenow')).toBe('25');
    expect(within(tree).getByText(XSS)).toBeTruthy();
    expect(within(tree).getByRole('link', { name: 'Stream a.mkv' }).getAttribute('href')).toBe(`/api/v1/torrents/${ID}/files/0/stream`);

    frame({ type: 'files', torrent: ID, files: [file(0, 'show/a.mkv', 0.75), file(1, `show/${XSS}`, 1)] });
    expect(within(tree).getByRole('progressbar', { name: 'Progress of a.mkv' }).getAttribute('aria-valuenow')).toBe('75');

    patchAnswer = [file(0, 'show/a.mkv', 0.75, 'HIGH'), file(1, `show/${XSS}`, 1)];
    await userEvent.setup().selectOptions(within(tree).getByRole('combobox', { name: 'Priority of a.mkv' }), 'High');
    expect(calls).toContain(`PATCH /api/v1/torrents/${ID}/files`);
    expect((within(tree).getByRole('combobox', { name: 'Priority of a.mkv' }) as HTMLSelectElement).value).toBe('3');
  });

  it('listsPeersFromFramesSortableAndAsText', async () => {
    setup('peers');
    const fromPex = { ...peer('198.51.100.1:6881', RTL, 99), source: 'pex' as const };
    frame({ type: 'peers', torrent: ID, peers: [peer('192.0.2.7:51413', XSS, 10), fromPex] });
    const table = await screen.findByRole('table', { name: 'Connected peers' });
    const rows = () => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent);
    expect(rows()).toEqual(['198.51.100.1:6881', '192.0.2.7:51413']); // fastest first
    expect(within(table).getByText(XSS)).toBeTruthy();
    expect(within(table).getByText(RTL)).toBeTruthy();
    // qBittorrent's letters: H learned from the DHT, X from peer exchange; and the Source column says it in words.
    expect(within(table).getByText('DH')).toBeTruthy();
    expect(within(table).getByText('DX')).toBeTruthy();
    expect(within(table).getByText('DHT')).toBeTruthy();
    expect(within(table).getByText('PEX')).toBeTruthy();

    await userEvent.setup().click(within(table).getByRole('button', { name: /Address/ }));
    expect(within(table).getByRole('columnheader', { name: /Address/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(rows()).toEqual(['192.0.2.7:51413', '198.51.100.1:6881']);
  });

  it('showsTrackersFromFrames', async () => {
    setup('trackers');
    const next = new Date(Date.now() + 90_000).toISOString();
    frame({
      type: 'trackers', torrent: ID,
      trackers: [{ url: 'udp://t.example:6969/announce', tier: 0, status: 'ok', seeders: 5, leechers: 2, peers: 7,
        lastAnnounce: null, nextAnnounce: next, lastError: null, warning: XSS }],
    });
    const table = await screen.findByRole('table', { name: 'Trackers' });
    expect(within(table).getByText('✓ Working')).toBeTruthy();
    expect(within(table).getByText(XSS)).toBeTruthy();
    expect(within(table).getByText(/^in 1m 3\ds$/)).toBeTruthy();
    await userEvent.setup().click(within(table).getByRole('button', { name: 'Remove udp://t.example:6969/announce' }));
    expect(calls).toContain(`DELETE /api/v1/torrents/${ID}/trackers?url=${encodeURIComponent('udp://t.example:6969/announce')}`);
  });

  it('drawsPiecesFromFrames', async () => {
    setup('pieces');
    frame({ type: 'pieces', torrent: ID, pieceCount: 10, havePieces: 3, have: btoa(String.fromCharCode(0xa0, 0x80)) });
    expect(await screen.findByRole('img', { name: 'Piece map: 3 of 10 pieces verified' })).toBeTruthy();
    expect(screen.getByText(/3 of 10 pieces verified \(7 missing\)/)).toBeTruthy();
    frame({ type: 'pieces', torrent: ID, pieceCount: 10, havePieces: 10, have: btoa(String.fromCharCode(0xff, 0xc0)) });
    await waitFor(() => expect(screen.getByText(/10 of 10 pieces verified \(0 missing\)/)).toBeTruthy());
  });

  it('rendersHostileNamesAsText', () => {
    for (const name of [XSS, LONG, RTL]) {
      setup(null, { name, saveDir: name });
      expect(screen.getByRole('heading', { name }).textContent).toBe(name);
      expect(document.querySelector('img')).toBeNull();
      api.events.stop();
      document.body.innerHTML = '';
    }
  });

  it('hasNoAxeViolationsOnTheLiveTabs', async () => {
    const axeIssues = async () =>
      (await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } })).violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    setup('files');
    frame({ type: 'files', torrent: ID, files: [file(0, 'show/a.mkv', 0.25), file(1, 'show/b.txt', 1)] });
    await screen.findByRole('treegrid');
    expect(await axeIssues()).toEqual([]);
    await userEvent.setup().keyboard('3');
    frame({ type: 'peers', torrent: ID, peers: [peer('192.0.2.7:51413', 'libtorrent/2.0', 10)] });
    expect(await axeIssues()).toEqual([]);
    await userEvent.setup().keyboard('1');
    expect(await axeIssues()).toEqual([]);
  });

  it('rendersTheSpeedTab', () => {
    setup('speed');
    expect(screen.getByRole('tabpanel', { name: /Speed/ }).textContent).toMatch(/Collecting speeds|↓ Download/);
  });
});
