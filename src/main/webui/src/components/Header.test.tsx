import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionView } from '../hooks/useConnection';
import { renderWithApp } from '../test/fixtures';
import { Header } from './Header';

const live: ConnectionView = { state: 'connected', hasConnected: true, ageMs: 1000 };

function renderHeader(connection: ConnectionView = live, version: string | null = '0.1.0', onSearch = vi.fn(), onMenu = vi.fn()) {
  return renderWithApp(
    <Header name="bitquark" version={version} connection={connection} search="" onSearch={onSearch} onAdd={vi.fn()} onMenu={onMenu} />,
  );
}

describe('Header', () => {
  it('showsProductNameAndVersion', () => {
    renderHeader();
    expect(screen.getByRole('banner').textContent).toContain('bitquark');
    expect(screen.getByTestId('version').textContent).toBe('v0.1.0');
  });

  it('marksTheVersionBusyWhileUnknown', () => {
    renderHeader(live, null);
    const version = screen.getByTestId('version');
    expect(version.textContent).toBe('…');
    expect(version.getAttribute('aria-busy')).toBe('true');
  });

  it.each([
    [{ state: 'connecting', hasConnected: false, ageMs: null }, 'Connecting…', null],
    [{ state: 'connected', hasConnected: true, ageMs: 2000 }, 'Live', null],
    [{ state: 'connected', hasConnected: true, ageMs: 12_000 }, 'Live, quiet', 'updated 12 s ago'],
    [{ state: 'disconnected', hasConnected: true, ageMs: 95_000 }, 'Reconnecting…', 'updated 1 min ago'],
    [{ state: 'disconnected', hasConnected: false, ageMs: null }, 'Disconnected', null],
  ] as const)('saysWhatTheConnectionIs %#', (connection, word, age) => {
    renderHeader(connection);
    // Only the state word is in the live region, so the ticking age is not announced each second.
    expect(screen.getByRole('status').textContent).toBe(word);
    expect(screen.getByTestId('connection').textContent).toBe(word + (age ?? ''));
  });

  it('debouncesTheSearchAndEchoesTypingAtOnce', () => {
    vi.useFakeTimers();
    const onSearch = vi.fn();
    renderHeader(live, '0.1.0', onSearch);
    const box = screen.getByRole('searchbox', { name: 'Search torrents' });
    fireEvent.change(box, { target: { value: 'ubu' } });
    expect((box as HTMLInputElement).value).toBe('ubu');
    expect(onSearch).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(100));
    expect(onSearch).toHaveBeenCalledWith('ubu');
    vi.useRealTimers();
  });

  it('hasNamedAddThemeAndMenuButtons', () => {
    renderHeader();
    expect(screen.getByRole('button', { name: 'Add' })).toBeDefined();
    expect(screen.getByRole('button', { name: /^Theme: System/ })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Menu' })).toBeDefined();
    expect(screen.getByRole('group', { name: 'Total speed' }).textContent).toContain('0 B/s');
  });

  it.each([
    ['Settings', 'settings'],
    ['Logs', 'logs'],
    ['DHT', 'dht'],
    ['Keyboard shortcuts', 'shortcuts'],
    ['Log out', 'logout'],
  ] as const)('theMenuLeadsTo %s', (item, target) => {
    const onMenu = vi.fn();
    renderHeader(live, '0.1.0', vi.fn(), onMenu);
    const trigger = screen.getByRole('button', { name: 'Menu' });
    trigger.focus();
    fireEvent.keyDown(trigger, { key: 'Enter' });
    fireEvent.click(screen.getByRole('menuitem', { name: new RegExp(`^${item}`) }));
    expect(onMenu).toHaveBeenCalledWith(target);
  });
});
