import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventsClient, type VersionInfo } from './api';
import { App } from './App';
import { fakeWebSocketFactory } from './test/FakeWebSocket';

describe('App', () => {
  let factory: ReturnType<typeof fakeWebSocketFactory>;
  let events: EventsClient;

  beforeEach(() => {
    factory = fakeWebSocketFactory();
    events = new EventsClient({ url: 'ws://localhost/api/v1/events', webSocket: factory.webSocket });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('showsTheFetchedVersionAndFollowsTheConnection', async () => {
    vi.useFakeTimers();
    const loadVersion = () => Promise.resolve<VersionInfo>({ name: 'bitquark', version: '0.1.0' });

    render(<App events={events} loadVersion={loadVersion} />);
    await act(async () => {});

    expect(screen.getByText('bitquark')).toBeDefined();
    expect(screen.getByTestId('version').textContent).toBe('v0.1.0');
    expect(screen.getByTestId('connection-status').textContent).toBe('connecting…');

    act(() => factory.latest().hello('0.1.0'));
    expect(screen.getByTestId('connection-status').textContent).toBe('connected');

    act(() => factory.latest().serverClose());
    expect(screen.getByTestId('connection-status').textContent).toBe('disconnected');

    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('connection-status').textContent).toBe('connecting…');
  });

  it('takesTheVersionFromHelloWhenTheVersionRequestFails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const loadVersion = () => Promise.reject(new Error('offline'));

    render(<App events={events} loadVersion={loadVersion} />);
    await act(async () => {});
    expect(screen.getByTestId('version').textContent).toBe('…');

    act(() => factory.latest().hello('0.2.0'));
    expect(screen.getByTestId('version').textContent).toBe('v0.2.0');
  });

  it('closesTheEventSocketOnUnmount', async () => {
    const loadVersion = () => Promise.resolve<VersionInfo>({ name: 'bitquark', version: '0.1.0' });
    const { unmount } = render(<App events={events} loadVersion={loadVersion} />);
    await act(async () => {});
    const socket = factory.latest();

    unmount();

    expect(socket.closedByClient).not.toBeNull();
    expect(events.state).toBe('disconnected');
  });
});
