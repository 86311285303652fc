import { Copy, Pause, Play } from 'lucide-react';
import { useId } from 'react';
import { t, type MessageKey } from '../../i18n';
import { FILTER_LEVELS, type FilterLevel } from './logLine';

const LEVEL_LABEL: Readonly<Record<FilterLevel, MessageKey>> = {
  ERROR: 'logs.level.error',
  WARN: 'logs.level.warn',
  INFO: 'logs.level.info',
  DEBUG: 'logs.level.debug',
  TRACE: 'logs.level.trace',
};

export interface LogToolbarProps {
  readonly minLevel: FilterLevel;
  readonly onMinLevel: (level: FilterLevel) => void;
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly regex: boolean;
  readonly onRegex: (regex: boolean) => void;
  /** The regular expression's error, shown under the field. */
  readonly textError: string | null;
  readonly paused: boolean;
  readonly arrivedWhilePaused: number;
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onCopy: () => void;
  readonly shown: number;
  readonly total: number;
}

/** Filters (minimum level, text or regex), Pause/Resume with its counter, Copy and the line count. */
export function LogToolbar(props: LogToolbarProps) {
  const levelId = useId();
  const textId = useId();
  const regexId = useId();
  const errorId = useId();
  const isLevel = (value: string): value is FilterLevel => (FILTER_LEVELS as readonly string[]).includes(value);
  return (
    <div className="logs-toolbar">
      <div className="logs-toolbar__field">
        <label htmlFor={levelId}>{t('logs.minLevel')}</label>
        <select
          id={levelId}
          className="input"
          value={props.minLevel}
          onChange={(e) => isLevel(e.target.value) && props.onMinLevel(e.target.value)}
        >
          {FILTER_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(LEVEL_LABEL[level])}
            </option>
          ))}
        </select>
      </div>
      <div className="logs-toolbar__field logs-toolbar__field--grow">
        <label htmlFor={textId}>{t('logs.filter')}</label>
        <input
          id={textId}
          className="input mono"
          type="search"
          spellCheck={false}
          autoComplete="off"
          placeholder={props.regex ? t('logs.filterRegexPlaceholder') : t('logs.filterPlaceholder')}
          value={props.text}
          aria-invalid={props.textError !== null}
          aria-describedby={props.textError !== null ? errorId : undefined}
          onChange={(e) => props.onText(e.target.value)}
        />
        {props.textError !== null && (
          <p id={errorId} className="field__warning" role="alert">
            {t('logs.badRegex', { message: props.textError })}
          </p>
        )}
      </div>
      <div className="logs-toolbar__check">
        <input id={regexId} type="checkbox" checked={props.regex} onChange={(e) => props.onRegex(e.target.checked)} />
        <label htmlFor={regexId}>{t('logs.regex')}</label>
      </div>
      <div className="logs-toolbar__actions">
        {props.paused ? (
          <button type="button" className="button" onClick={props.onResume}>
            <Play size={14} aria-hidden="true" /> {t('logs.resume')}
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onPause}>
            <Pause size={14} aria-hidden="true" /> {t('logs.pause')}
          </button>
        )}
        <button type="button" className="button" onClick={props.onCopy} disabled={props.shown === 0}>
          <Copy size={14} aria-hidden="true" /> {t('logs.copy')}
        </button>
      </div>
      <p className="logs-toolbar__count">
        {props.shown === props.total
          ? t('logs.count', { count: props.total })
          : t('logs.countOf', { shown: props.shown, total: props.total })}
        {props.paused && (
          <>
            {' · '}
            <strong className="logs-toolbar__paused">{t('logs.pausedCount', { count: props.arrivedWhilePaused })}</strong>
          </>
        )}
      </p>
    </div>
  );
}
