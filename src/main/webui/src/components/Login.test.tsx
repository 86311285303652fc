import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LoginResult } from '../api';
import { AuthGate } from './AuthGate';
import { Login } from './Login';

function typeAndSubmit(password: string) {
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.submit(screen.getByTestId('login-form'));
}

describe('Login', () => {
  it('sendsThePasswordAndReportsSuccess', async () => {
    const onLogin = vi.fn((_: string) => Promise.resolve<LoginResult>({ ok: true }));
    const onSuccess = vi.fn();
    render(<Login productName="bitquark" onLogin={onLogin} onSuccess={onSuccess} />);

    const field = screen.getByLabelText('Password');
    expect(field.getAttribute('type')).toBe('password');
    expect(screen.getByRole('button', { name: 'Log in' })).toHaveProperty('disabled', true);

    await act(async () => typeAndSubmit('s3cret'));

    expect(onLogin).toHaveBeenCalledWith('s3cret');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('showsTheServersRefusalAndStaysOnTheForm', async () => {
    const onSuccess = vi.fn();
    const onLogin = () =>
      Promise.resolve<LoginResult>({ ok: false, reason: 'rate-limited', message: 'Too many failed attempts. Try again in 42 s.' });
    render(<Login productName="bitquark" onLogin={onLogin} onSuccess={onSuccess} />);

    await act(async () => typeAndSubmit('guess'));

    expect(screen.getByRole('alert').textContent).toBe('Too many failed attempts. Try again in 42 s.');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(screen.getByTestId('login-form')).toBeDefined();
  });
});

describe('AuthGate', () => {
  it('showsTheLoginFormWhenThereIsNoSessionAndTheAppAfterLoggingIn', async () => {
    const checkSession = () => Promise.resolve(false);
    const login = () => Promise.resolve<LoginResult>({ ok: true });
    render(
      <AuthGate productName="bitquark" checkSession={checkSession} login={login}>
        <p>the app</p>
      </AuthGate>,
    );
    await act(async () => {});
    expect(screen.getByTestId('login-form')).toBeDefined();
    expect(screen.queryByText('the app')).toBeNull();

    await act(async () => typeAndSubmit('s3cret'));

    expect(screen.getByText('the app')).toBeDefined();
    expect(screen.queryByTestId('login-form')).toBeNull();
  });

  it('showsTheAppAtOnceWithASession', async () => {
    const checkSession = () => Promise.resolve(true);
    render(
      <AuthGate productName="bitquark" checkSession={checkSession} login={() => Promise.reject(new Error('unused'))}>
        <p>the app</p>
      </AuthGate>,
    );
    expect(screen.queryByText('the app')).toBeNull();
    await act(async () => {});
    expect(screen.getByText('the app')).toBeDefined();
    expect(screen.queryByTestId('login-form')).toBeNull();
  });

  it('fallsBackToTheLoginFormWhenTheCheckFails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <AuthGate productName="bitquark" checkSession={() => Promise.reject(new Error('503'))} login={() => Promise.reject(new Error('unused'))}>
        <p>the app</p>
      </AuthGate>,
    );
    await act(async () => {});
    expect(screen.getByTestId('login-form')).toBeDefined();
    expect(screen.getByText(/did not answer as expected/)).toBeDefined();
  });
});
