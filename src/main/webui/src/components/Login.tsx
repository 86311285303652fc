import { t } from '../i18n';
import { useId, useState, type FormEvent } from 'react';
import './login.css';
import type { LoginResult } from '../api';

export interface LoginProps {
  readonly productName: string;
  /** Sends the password; resolves with what to tell the user. */
  readonly onLogin: (password: string) => Promise<LoginResult>;
  /** Called once the server accepted the password (its session cookie is set). */
  readonly onSuccess: () => void;
  /** Shown above the form, e.g. when the server could not be asked about the session. */
  readonly notice?: string | null;
}

/**
 * Password form shown while the browser has no session. The password field is a real form field
 * (so password managers work); the error is an alert region so screen readers announce it.
 */
export function Login({ productName, onLogin, onSuccess, notice = null }: LoginProps) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || password.length === 0) return;
    setBusy(true);
    setError(null);
    const result = await onLogin(password);
    setBusy(false);
    if (result.ok) {
      setPassword('');
      onSuccess();
    } else {
      setError(result.message);
    }
  }

  return (
    <main className="login">
      <form className="login__form" data-testid="login-form" onSubmit={submit} aria-busy={busy}>
        <h1 className="login__title">
          <img className="header__logo" src="/favicon.svg" alt="" width="24" height="24" />
          {productName}
        </h1>
        {notice !== null && <p className="login__notice">{notice}</p>}
        <label className="login__label" htmlFor={fieldId}>
          {t('login.password')}
        </label>
        <input
          id={fieldId}
          className="login__input"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error !== null && (
          <p className="login__error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="login__submit" type="submit" disabled={busy || password.length === 0}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
