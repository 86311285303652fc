import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../api/rest';
import { useApp } from '../../context';
import { t } from '../../i18n';

const MIN_LENGTH = 8;
type Field = 'current' | 'password' | 'repeat';

/**
 * Change the password (Settings › Web UI): the current one, the new one twice. When the deployment
 * sets the password (BITQUARK_AUTH_PASSWORD) it says so instead, since a change here would lose
 * against the configuration at the next start.
 */
export function PasswordPanel() {
  const { rest, toast } = useApp();
  const [changeable, setChangeable] = useState<boolean | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ current: '', password: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    rest.request<{ passwordChangeable?: boolean }>('GET', '/api/v1/auth/session').then(
      (s) => setChangeable(s?.passwordChangeable === true),
      () => setChangeable(false),
    );
  }, [rest]);

  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (values.current === '') problems.current = t('password.error.current');
    if (values.password.length < MIN_LENGTH) problems.password = t('password.error.short', { min: MIN_LENGTH });
    if (values.repeat !== values.password) problems.repeat = t('password.error.repeat');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    rest.request('POST', '/api/v1/auth/password', { current: values.current, password: values.password }).then(
      () => {
        setValues({ current: '', password: '', repeat: '' });
        toast(t('password.changed'), 'success');
      },
      (failure: unknown) => {
        const field = failure instanceof ApiRequestError && (failure.field === 'current' || failure.field === 'password')
          ? failure.field : 'password';
        setErrors({ [field]: failure instanceof Error ? failure.message : String(failure) });
      },
    ).finally(() => setBusy(false));
  };

  const input = (field: Field, label: string, autoComplete: string) => (
    <div className={`setting${errors[field] ? ' setting--error' : ''}`}>
      <label htmlFor={`${id}-${field}`} className="setting__label">{label}</label>
      <div className="setting__control">
        <input id={`${id}-${field}`} type="password" autoComplete={autoComplete} value={values[field]}
          onChange={(e) => set(field, e.target.value)} aria-invalid={errors[field] ? true : undefined}
          aria-describedby={errors[field] ? `${id}-${field}-error` : undefined} />
      </div>
      {errors[field] && <p id={`${id}-${field}-error`} className="setting__error" role="alert">{errors[field]}</p>}
    </div>
  );

  return (
    <section className="settings__group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('password.title')}</h3>
      {changeable === null && <p>{t('empty.loading')}</p>}
      {changeable === false && <p className="setting__help">{t('password.configured')}</p>}
      {changeable === true && (
        <form onSubmit={submit} noValidate aria-label={t('password.title')}>
          {input('current', t('password.current'), 'current-password')}
          {input('password', t('password.new'), 'new-password')}
          {input('repeat', t('password.repeat'), 'new-password')}
          <button type="submit" className="button button--primary" disabled={busy}>{t('password.submit')}</button>
        </form>
      )}
    </section>
  );
}
