import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeViewport, loadSnapshot, renderWithApp, testApi, torrent } from '../../test/fixtures';
import { Toaster } from '../toast/Toaster';
import { TorrentList } from './TorrentList';

const XSS = '<img src=x onerror=alert(1)>';
const RTL = 'movie\u202Egpj.exe';
const LONG = 'x'.repeat(500);

describe('hostile server strings', () => {
  let restore: () => void;
  beforeEach(() => (restore = fakeViewport()));
  afterEach(() => restore());

  it('rendersNamesErrorsAndPathsAsTextOnly', () => {
    const api = testApi();
    loadSnapshot(api, [
      torrent(1, { name: XSS, state: 'error', error: `<script>alert(2)</script>` }),
      torrent(2, { name: RTL, saveDir: '<b>/srv</b>' }),
      torrent(3, { name: LONG }),
    ]);
    const { container } = renderWithApp(
      <>
        <TorrentList query={{ filter: 'all', search: '', sort: [] }} onQueryChange={vi.fn()} onOpen={vi.fn()} onAdd={vi.fn()} stale={false} />
        <Toaster />
      </>,
      api,
    );
    act(() => api.toast(`Failed: ${XSS}`, 'error', [`${RTL}: ${XSS}`]));

    expect(screen.getByText(XSS)).toBeDefined();
    expect(screen.getByText(RTL)).toBeDefined();
    expect(screen.getByText(LONG)).toBeDefined();
    expect(screen.getByText(`Failed: ${XSS}`)).toBeDefined();
    // Nothing the server sent became markup: the only images are the (lucide) SVG icons.
    expect(document.body.querySelector('img')).toBeNull();
    expect(document.body.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toContain('<img');
    // The RTL override stays inside its own isolated run of text.
    expect(screen.getByText(RTL).closest('bdi')?.getAttribute('dir')).toBe('auto');
    expect(screen.getByText(XSS).closest('[role="row"]')?.getAttribute('title') ?? null).toBeNull();
  });
});
