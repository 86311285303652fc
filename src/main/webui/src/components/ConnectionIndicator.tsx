import type { ConnectionState } from '../api';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'connecting…',
  connected: 'connected',
  disconnected: 'disconnected',
};

export interface ConnectionIndicatorProps {
  readonly state: ConnectionState;
}

/**
 * Live state of the event connection. `role="status"` (an implicit polite live region) makes
 * screen readers announce changes without interrupting; the coloured dot is decoration only,
 * the text carries the meaning.
 */
export function ConnectionIndicator({ state }: ConnectionIndicatorProps) {
  return (
    <span
      className={`connection connection--${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-state={state}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{LABELS[state]}</span>
    </span>
  );
}
