import axe from 'axe-core';
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../api/rest';
import { AppContext } from '../../context';
import { mockRest, testApi } from '../../test/fixtures';
import type { DhtStats } from './dhtApi';
import { DhtPage } from './DhtPage';

// uPlot needs a canvas and matchMedia, which jsdom lacks; the chart's input is what is tested here.
vi.mock('./DhtChart', () => ({
  default: ({ samples }: { samples: { times: readonly number[] } }) => (
    <div role="img" aria-label="Queries chart" data-points={samples.times.length} />
  ),
}));

const ON: DhtStats = {
  enabled: true, state: 'ready', port: 6881, nodes: 1234, questionableNodes: 56, badNodes: 7, replacementNodes: 89,
  buckets: 22, torrents: 3, lookups: 2, queriesInPerSecond: 12.46, queriesOutPerSecond: 3, packetsIn: 1_234_567,
  packetsOut: 654_321, malformed: 9, rateLimitedIn: 11, rateLimitedOut: 0, storedInfoHashes: 40, storedPeers: 310,
  droppedByReason: { 'rate-limited': 11, malformed: 9 }, unresolvedRouters: ['router.example:6881'], pex: true, lsd: false,
  message: null,
};
const OFF: DhtStats = {
  ...ON, enabled: false, state: 'off', port: 0, nodes: 0, droppedByReason: {}, unresolvedRouters: [], lsd: true,
  message: 'the DHT is switched off (bitquark.dht.enabled=false or --no-dht)',
};

let answers: (() => Promise<DhtStats>)[];
let request: ReturnType<typeof vi.fn>;

function renderPage() {
  request = vi.fn((method: string, path: string) => {
    expect(`${method} ${path}`).toBe('GET /api/v1/dht/stats');
    return (answers.length > 1 ? answers.shift()! : answers[0]!)();
  });
  return render(
    <AppContext.Provider value={testApi(mockRest({ request: request as never }))}>
      <main>
        <DhtPage />
      </main>
    </AppContext.Provider>,
  );
}

/** Lets the pending answer (and the lazy chart) arrive. */
const settle = () => act(async () => {
  await vi.advanceTimersByTimeAsync(0);
});
const poll = () => act(async () => {
  await vi.advanceTimersByTimeAsync(2000);
});
const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('DhtPage', () => {
  it('showsTheNodesStats', async () => {
    answers = [() => Promise.resolve(ON)];
    renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'DHT' })).toBeTruthy();
    await settle();

    expect(fact('State')).toBe('Ready');
    expect(fact('UDP port')).toBe('6881');
    expect(fact('Good nodes')).toBe('1,234');
    expect(fact('Questionable nodes')).toBe('56');
    expect(fact('Bad nodes')).toBe('7');
    expect(fact('Replacement nodes')).toBe('89');
    expect(fact('Buckets')).toBe('22');
    expect(fact('Torrents')).toBe('3');
    expect(fact('Lookups running')).toBe('2');
    expect(fact('Queries in per second')).toBe('12.5');
    expect(fact('Queries out per second')).toBe('3.0');
    expect(fact('Packets in')).toBe('1,234,567');
    expect(fact('Packets out')).toBe('654,321');
    expect(fact('Malformed packets')).toBe('9');
    expect(fact('Rate-limited in')).toBe('11');
    expect(fact('Rate-limited out')).toBe('0');
    expect(fact('Stored info-hashes')).toBe('40');
    expect(fact('Stored peers')).toBe('310');
    expect(fact('Peer exchange (PEX)')).toBe('On');
    expect(fact('Local service discovery (LSD)')).toBe('Off');

    const dropped = screen.getByRole('table', { name: 'Dropped packets by reason' });
    expect(within(dropped).getAllByRole('row').map((r) => r.textContent)).toEqual(['ReasonPackets', 'malformed9', 'rate-limited11']);
    expect(within(screen.getByRole('region', { name: 'Unresolved routers' })).getByText('router.example:6881')).toBeTruthy();
    expect(screen.queryByText('The DHT is off')).toBeNull();
  });

  it('pollsEveryTwoSecondsAndGraphsTheQueries', async () => {
    answers = [() => Promise.resolve(ON)];
    const { unmount } = renderPage();
    await settle();
    expect(request).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Collecting samples for the graph…')).toBeTruthy();

    await poll();
    expect(request).toHaveBeenCalledTimes(2);
    await poll();
    await settle();
    expect(screen.getByRole('img', { name: 'Queries chart' }).getAttribute('data-points')).toBe('3');

    unmount();
    await poll();
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('saysPlainlyWhenTheDhtIsOffAndHowToTurnItOn', async () => {
    answers = [() => Promise.resolve(OFF)];
    renderPage();
    await settle();
    const off = screen.getByRole('region', { name: 'The DHT is off' });
    expect(off.textContent).toContain('the DHT is switched off (bitquark.dht.enabled=false or --no-dht)');
    expect(within(off).getByText('bitquark.dht.enabled=true')).toBeTruthy();
    expect(within(off).getByText('BITQUARK_DHT_ENABLED=true')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Routing table' })).toBeNull();
    expect(fact('Local service discovery (LSD)')).toBe('On');
  });

  it('showsAFailedPollAndRecovers', async () => {
    answers = [() => Promise.reject(new ApiRequestError(503, 'starting', 'the engine is not running yet')), () => Promise.resolve(ON)];
    renderPage();
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Could not load the DHT state: the engine is not running yet');
    await poll();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fact('Good nodes')).toBe('1,234');
  });

  it('hasNoSeriousAccessibilityViolationsOnOrOff', async () => {
    vi.useRealTimers();
    const serious = async () =>
      (await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } })).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    answers = [() => Promise.resolve(ON)];
    const { unmount } = renderPage();
    await screen.findByRole('table', { name: 'Dropped packets by reason' });
    expect(await serious()).toEqual([]);
    unmount();
    answers = [() => Promise.resolve(OFF)];
    renderPage();
    await screen.findByRole('region', { name: 'The DHT is off' });
    expect(await serious()).toEqual([]);
  });
});
