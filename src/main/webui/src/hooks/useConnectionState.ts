import { useEffect, useSyncExternalStore } from 'react';
import type { ConnectionState, EventsClient } from '../api';

/**
 * Runs `client` while the calling component is mounted and returns its connection state,
 * re-rendering on every change.
 */
export function useConnectionState(client: EventsClient): ConnectionState {
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  return useSyncExternalStore(
    (onChange) => client.onStateChange(onChange),
    () => client.state,
  );
}
