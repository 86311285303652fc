import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderWithApp, session, testApi } from '../../test/fixtures';
import { NotificationCentre } from './NotificationCentre';

const at = '2026-12-01T10:00:00Z';
const events = [
  { id: 1, kind: 'torrent.added' as const, torrent: 'a'.repeat(40), name: 'first', at },
  { id: 2, kind: 'torrent.error' as const, torrent: 'b'.repeat(40), name: '<img src=x onerror=alert(1)>', at, message: 'disk full' },
  { id: 3, kind: 'torrent.completed' as const, torrent: 'a'.repeat(40), name: 'first', at },
];

function withEvents() {
  const api = testApi();
  api.store.ingest({ type: 'snapshot', seq: 1, torrents: [], session: session(), events } as never);
  return api;
}

beforeEach(() => window.localStorage.removeItem('bitquark.eventsSeen'));

describe('NotificationCentre', () => {
  it('countsUnseenEventsListsThemNewestFirstAndMarksThemSeen', () => {
    renderWithApp(<NotificationCentre />, withEvents());
    const trigger = screen.getByRole('button', { name: 'Recent events, 3 new' });
    act(() => fireEvent.click(trigger));
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.split(/\d{4}|Dec/)[0])).toEqual([
      'Completed: first', 'Error: <img src=x onerror=alert(1)>disk full', 'Added: first',
    ]);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('button', { name: 'Recent events' })).toBeDefined();
    expect(window.localStorage.getItem('bitquark.eventsSeen')).toBe('3');
  });

  it('saysSoWhenNothingHappened', () => {
    renderWithApp(<NotificationCentre />);
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Recent events' })));
    expect(screen.getByText('Nothing has happened yet.')).toBeDefined();
  });
});
