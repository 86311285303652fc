import { t } from '../i18n';
import { useEffect, useState, type ReactNode } from 'react';
import type { LoginResult } from '../api';
import { Login } from './Login';

export type SessionChecker = (signal: AbortSignal) => Promise<boolean>;

export interface AuthGateProps {
  readonly productName: string;
  /** Must be stable (not recreated per render), or the session is checked again. */
  readonly checkSession: SessionChecker;
  readonly login: (password: string) => Promise<LoginResult>;
  /** The app; mounted only once the browser is logged in. */
  readonly children: ReactNode;
}

type GateState = 'checking' | 'login' | 'ready';

/**
 * Shows the app when `GET /api/v1/auth/session` answers 200 and the login form when it answers
 * 401, so nothing behind it (the event WebSocket included) starts before there is a session.
 */
export function AuthGate({ productName, checkSession, login, children }: AuthGateProps) {
  const [state, setState] = useState<GateState>('checking');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    checkSession(abort.signal).then(
      (loggedIn) => {
        if (!abort.signal.aborted) setState(loggedIn ? 'ready' : 'login');
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        console.warn('bitquark: could not check the session', error);
        setNotice('The server did not answer as expected; you may need to log in.');
        setState('login');
      },
    );
    return () => abort.abort();
  }, [checkSession]);

  if (state === 'checking') {
    return <p className="login__checking" aria-busy="true">{t('empty.loading')}</p>;
  }
  if (state === 'login') {
    return <Login productName={productName} onLogin={login} onSuccess={() => setState('ready')} notice={notice} />;
  }
  return <>{children}</>;
}
