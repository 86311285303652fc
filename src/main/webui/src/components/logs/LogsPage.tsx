import { t } from '../../i18n';
import { LevelsPanel } from './LevelsPanel';
import { LogTailPanel } from './LogTailPanel';
import './logs.css';

/**
 * The server's log: the live tail (WebSocket /api/v1/logs) and the levels per category
 * (/api/v1/logging). No landmark of its own: it is meant to be mounted inside the shell's `<main>`.
 */
export function LogsPage() {
  return (
    <div className="logs-page">
      <h1 className="logs-page__title">{t('logs.title')}</h1>
      <LogTailPanel />
      <LevelsPanel />
    </div>
  );
}
