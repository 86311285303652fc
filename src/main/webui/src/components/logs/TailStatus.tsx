import { t } from '../../i18n';
import type { LogStreamState } from './logStream';

function describe(state: LogStreamState): string {
  switch (state.status) {
    case 'connecting':
      return t('logs.state.connecting');
    case 'connected':
      return t('logs.state.connected');
    case 'reconnecting':
      // The code as text: t() would group a number ("1,013").
      return t('logs.state.reconnecting', {
        code: String(state.code),
        reason: state.reason === '' ? t('logs.state.noReason') : state.reason,
        seconds: Math.ceil(state.delayMs / 1000),
      });
    case 'closed':
      return t('logs.state.closed', { code: String(state.code) });
  }
}

/** Where the live log connection stands, with the close code and reason after a close. */
export function TailStatus({ state, onReconnect }: { state: LogStreamState; onReconnect: () => void }) {
  return (
    <div className="logs-status">
      <span className={`logs-status__dot logs-status__dot--${state.status}`} aria-hidden="true" />
      <p role="status" className="logs-status__text">
        {describe(state)}
      </p>
      {state.status === 'reconnecting' && (
        <button type="button" className="button button--small" onClick={onReconnect}>
          {t('logs.reconnectNow')}
        </button>
      )}
    </div>
  );
}
