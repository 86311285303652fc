import { useEffect, useId, useState, type InputHTMLAttributes } from 'react';
import { formatLimit, type LimitUnit } from '../../format';
import { useLimitUnit } from '../../prefs/formats';
import { t } from '../../i18n';
import { helpKey, labelKey, NO_LIMIT, type SettingDef } from './catalog';
import { LimitInput } from './LimitInput';

export interface SettingFieldProps {
  readonly setting: SettingDef;
  readonly value: unknown;
  readonly defaultValue: unknown;
  readonly onChange: (value: unknown) => void;
  /** The message under the field (a client check or the server's refusal), or null. */
  readonly error: string | null;
  readonly dirty: boolean;
  readonly restartNeeded: boolean;
  readonly lockedBy: string | null;
}

/** A value as the page shows it next to "Default:" and in read-only fields. */
export function describeValue(s: SettingDef, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return s.key === 'defaultOutputFolder' ? t('settings.value.downloadFolder') : t('settings.value.none');
  }
  if (s.kind === 'rate' && typeof value === 'number') return formatLimit(value);
  if (s.kind === 'limit' && value === NO_LIMIT) return t('settings.value.noLimit');
  if (s.kind === 'bool') return value ? t('settings.value.on') : t('settings.value.off');
  if (s.kind === 'select') {
    const option = s.options?.find((o) => o.value === value);
    return option ? t(option.label) : String(value);
  }
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Parses the text of a number input; an empty or unreadable field is NaN, which the check refuses. */
function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

const unitText = (bytes: unknown, per: number): string =>
  typeof bytes === 'number' && !Number.isNaN(bytes) ? String(Math.round((bytes / per) * 1000) / 1000) : '';

/**
 * A rate typed in the limit unit (KiB/s unless the preferences say otherwise), kept in bytes/s. The
 * text typed stays as typed ("1.05" is not rewritten to "1" on the way); it follows the value only
 * when that changes from outside (Discard, a reload) or the unit changes.
 */
function RateInput({ value, onChange, unit, ...rest }: { value: unknown; onChange: (bytes: number) => void; unit: LimitUnit }
  & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const per = unit.bytesPerUnit;
  const [text, setText] = useState(() => unitText(value, per));
  useEffect(() => {
    setText((current) => (Math.round(parseNumber(current) * per) === value ? current : unitText(value, per)));
  }, [value, per]);
  return (
    <input type="number" inputMode="decimal" min={0} step="any" value={text} {...rest}
      onChange={(e) => {
        setText(e.target.value);
        onChange(Math.round(parseNumber(e.target.value) * per));
      }} />
  );
}

/**
 * One setting: label, control, its help, its default, badges (changed, restart needed, locked) and
 * the error on it, tied to the control by `aria-describedby` so a screen reader reads them together.
 */
export function SettingField(props: SettingFieldProps) {
  const { setting: s, value, defaultValue, onChange, error, dirty, restartNeeded, lockedBy } = props;
  const id = useId();
  const unit = useLimitUnit();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const readOnly = s.source === 'info' || lockedBy !== null;
  const describedBy = [helpId, error ? errorId : null].filter(Boolean).join(' ');
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    disabled: readOnly,
    'data-setting': s.key,
  } as const;

  let control;
  if (s.kind === 'bool') {
    control = <input type="checkbox" role="switch" checked={value === true} onChange={(e) => onChange(e.target.checked)} {...common} />;
  } else if (s.kind === 'select') {
    control = (
      <select value={String(value)} onChange={(e) => onChange(e.target.value)} {...common}>
        {s.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {t(o.label)}
          </option>
        ))}
      </select>
    );
  } else if (s.kind === 'int') {
    control = (
      <input type="number" inputMode="numeric" min={s.min} max={s.max} step={1}
        value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
        onChange={(e) => onChange(parseNumber(e.target.value))} {...common} />
    );
  } else if (s.kind === 'rate') {
    // Shown in the limit unit (KiB/s: what people type), kept in bytes/s (what the API takes).
    control = (
      <span className="setting__rate">
        <RateInput value={value} onChange={onChange} unit={unit} {...common} />
        <span className="setting__unit">{unit.label}</span>
      </span>
    );
  } else if (s.kind === 'limit') {
    control = <LimitInput setting={s} value={value} defaultValue={defaultValue} onChange={onChange} label={t(labelKey(s))} common={common} />;
  } else if (s.kind === 'list') {
    control = (
      // Lines kept as typed (an empty one too, or Enter could not start the next entry); saving drops empty ones.
      <textarea rows={3} value={Array.isArray(value) ? value.join('\n') : ''}
        onChange={(e) => onChange(e.target.value.split('\n'))} {...common} />
    );
  } else {
    control = <input type="text" value={typeof value === 'string' ? value : String(value ?? '')} spellCheck={false}
      onChange={(e) => onChange(e.target.value)} {...common} />;
  }

  return (
    <div className={`setting setting--${s.kind}${dirty ? ' setting--dirty' : ''}${error ? ' setting--error' : ''}`}>
      <div className="setting__head">
        <label htmlFor={id} className="setting__label">
          {t(labelKey(s))}
        </label>
        {dirty && <span className="badge badge--changed">{t('settings.badge.changed')}</span>}
        {restartNeeded && <span className="badge badge--restart">{t('settings.badge.restart')}</span>}
        {s.source === 'start' && !restartNeeded && lockedBy === null && (
          <span className="badge badge--start" title={t('settings.badge.atStartHelp')}>
            {t('settings.badge.atStart')}
          </span>
        )}
        {lockedBy !== null && <span className="badge badge--locked">{t('settings.badge.locked')}</span>}
      </div>
      <div className="setting__control">{control}</div>
      <p id={helpId} className="setting__help">
        {t(helpKey(s))}{' '}
        <span className="setting__default">
          {s.source === 'start' || s.source === 'info'
            ? t('settings.runningWith', { value: describeValue(s, defaultValue) })
            : t('settings.default', { value: describeValue(s, defaultValue) })}
        </span>
        {lockedBy !== null && <span className="setting__locked"> {t('settings.lockedBy', { source: lockedBy })}</span>}
      </p>
      {error && (
        <p id={errorId} className="setting__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
