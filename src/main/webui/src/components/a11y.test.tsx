import axe from 'axe-core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventsClient } from '../api';
import { App } from '../App';
import { createLiveStore } from '../store/live';
import { fakeWebSocketFactory } from '../test/FakeWebSocket';
import { fakeViewport, mockRest, session, torrent } from '../test/fixtures';

async function violations(): Promise<string[]> {
  // jsdom computes no colours or layout: contrast is checked in the browser e2e run instead.
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe)', () => {
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  it('findsNoViolationsInTheShellListAndRemoveDialog', async () => {
    const factory = fakeWebSocketFactory();
    const events = new EventsClient({ url: 'ws://x/api/v1/events', webSocket: factory.webSocket });
    const store = createLiveStore({ schedule: (commit) => commit() });
    render(
      <App events={events} loadVersion={() => Promise.resolve({ name: 'bitquark', version: '1' })} rest={mockRest()} store={store} onLogout={vi.fn()} />,
    );
    await act(async () => {});
    act(() => {
      factory.latest().hello();
      factory.latest().receive(
        JSON.stringify({ type: 'snapshot', seq: 1, torrents: [torrent(1), torrent(2, { state: 'error', error: 'disk full' })], session: session() }),
      );
    });
    expect(await violations()).toEqual([]);

    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('Torrent 00002'))!;
    fireEvent.click(row);
    fireEvent.keyDown(row, { key: 'Delete' });
    expect(screen.getByRole('dialog')).toBeDefined();
    expect(await violations()).toEqual([]);
  });
});
