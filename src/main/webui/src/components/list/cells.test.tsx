import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { torrent } from '../../test/fixtures';
import { NameCell, StateCell, statusText } from './cells';

describe('state and name cells', () => {
  it('sayQueuedForATorrentWaitingForASlot', () => {
    const { container } = render(<StateCell torrent={torrent(1, { state: 'queued', downloadRate: 0 })} />);
    expect(container.textContent).toBe('Queued');
    expect(container.querySelector('.status--queued')).not.toBeNull();
  });

  it('sayGoalReachedWithTheServersReasonOnAPausedSeed', () => {
    const reason = 'seeding goal reached: ratio 2.00 of 2.00';
    const { container } = render(<StateCell torrent={torrent(1, { state: 'paused', finished: true, goalReached: reason })} />);
    expect(container.textContent).toBe('Goal reached');
    expect(container.querySelector('[title]')?.getAttribute('title')).toBe(reason);
    // Started again, the old reason is no longer why it stands still.
    expect(statusText(torrent(1, { state: 'live', finished: true, goalReached: reason }))).toBe('Seeding');
  });

  it('markAForcedTorrentWhileItRunsOnly', () => {
    expect(statusText(torrent(1, { forced: true, finished: true }))).toBe('Seeding [F]');
    expect(statusText(torrent(1, { forced: true, state: 'paused' }))).toBe('Paused');
  });

  it('showTheCategoryAndTagsAsLabelledChipsAfterTheName', () => {
    render(<NameCell torrent={torrent(1, { name: 'Film', category: 'movies', tags: ['4k', '<b>x</b>'] })} />);
    expect(screen.getByTitle('Category: movies').textContent).toBe('category movies');
    expect(screen.getByTitle('Tag: 4k').textContent).toBe('tag 4k');
    expect(screen.getByTitle('Tag: <b>x</b>').textContent).toBe('tag <b>x</b>');
    expect(document.querySelector('b')).toBeNull();
  });
});
