import { useRef } from 'react';
import { t } from '../../i18n';
import { NO_LIMIT, type SettingDef } from './catalog';

export interface LimitInputProps {
  readonly setting: SettingDef;
  readonly value: unknown;
  readonly defaultValue: unknown;
  readonly onChange: (value: unknown) => void;
  /** The setting's own label, for the box's name. */
  readonly label: string;
  /** The number field's id, aria-describedby, aria-invalid, disabled and data-setting. */
  readonly common: { readonly id: string; readonly disabled: boolean } & Record<string, unknown>;
}

const parse = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * A `limit` setting: a box that turns the limit on and the number it is, kept as -1 while off (the
 * API's "no limit"). Turning it on again brings back the last number, else the default's, else the
 * setting's usual one (qBittorrent's: 3 downloads, a ratio of 2…).
 */
export function LimitInput({ setting: s, value, defaultValue, onChange, label, common }: LimitInputProps) {
  const on = value !== NO_LIMIT;
  const last = useRef<number | null>(null);
  if (typeof value === 'number' && value >= 0) last.current = value;
  const onValue = () => {
    if (last.current !== null) return last.current;
    if (typeof defaultValue === 'number' && defaultValue >= 0) return defaultValue;
    return s.onValue ?? 0;
  };
  return (
    <span className="setting__limit">
      <label className="setting__limit-on">
        <input type="checkbox" checked={on} disabled={common.disabled} aria-label={t('settings.limitOf', { name: label })}
          onChange={(e) => onChange(e.target.checked ? onValue() : NO_LIMIT)} />
        <span>{t('settings.limit')}</span>
      </label>
      <input type="number" inputMode={s.decimal ? 'decimal' : 'numeric'} min={s.min} max={s.max} step={s.decimal ? 'any' : 1}
        {...common} disabled={common.disabled || !on}
        value={on && typeof value === 'number' && !Number.isNaN(value) ? value : ''}
        onChange={(e) => onChange(parse(e.target.value))} />
    </span>
  );
}
