import { formatAge } from '../format';
import { t } from '../i18n';
import type { ConnectionView } from '../hooks/useConnection';

/** After this long without a frame while connected, the age is shown instead of "live". */
export const STALE_AFTER_MS = 10_000;

type Shown = 'live' | 'stale' | 'reconnecting' | 'connecting' | 'disconnected';

function shownState({ state, hasConnected, ageMs }: ConnectionView): Shown {
  if (state === 'connected') return ageMs !== null && ageMs > STALE_AFTER_MS ? 'stale' : 'live';
  if (hasConnected) return 'reconnecting';
  return state === 'connecting' ? 'connecting' : 'disconnected';
}

/**
 * Live state of the event connection. Only the state word sits in the polite status region, so
 * screen readers hear "Reconnecting…" once, not the age ticking every second; the dot is decoration.
 */
export function ConnectionIndicator({ connection }: { connection: ConnectionView }) {
  const shown = shownState(connection);
  const age = connection.ageMs;
  const showAge = age !== null && (shown === 'stale' || shown === 'reconnecting');
  return (
    <span className={`connection connection--${shown}`} data-testid="connection" data-state={shown}>
      <span className="connection__dot" aria-hidden="true" />
      <span role="status" className="connection__label" data-testid="connection-status">
        {t(`connection.${shown}`)}
      </span>
      {showAge && <span className="connection__age">{t('connection.age', { age: formatAge(age) })}</span>}
    </span>
  );
}
