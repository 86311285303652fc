import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionState, EventsClient } from '../api';

export interface ConnectionView {
  readonly state: ConnectionState;
  /** A hello arrived since the page started: "reconnecting" rather than "connecting". */
  readonly hasConnected: boolean;
  /** Milliseconds since the last frame, `null` before the first. */
  readonly ageMs: number | null;
}

/** Re-renders every `intervalMs` and returns the clock; for "N s ago" labels. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Runs `client` while the calling component is mounted, and returns its state and the age of its
 * last frame (refreshed each second).
 */
export function useConnection(client: EventsClient): ConnectionView {
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  const state = useSyncExternalStore(
    (onChange) => client.onStateChange(onChange),
    () => client.state,
  );
  useNow(1000);
  return { state, hasConnected: client.hasConnected, ageMs: client.lastFrameAgeMs() };
}
