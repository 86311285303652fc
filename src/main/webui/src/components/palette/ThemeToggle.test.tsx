import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getPrefs, setPrefs } from '../../prefs/prefs';
import { renderWithApp, testApi } from '../../test/fixtures';
import { ThemeToggle } from './ThemeToggle';

describe('ThemeToggle', () => {
  it('cyclesSystemLightDarkAndNamesTheCurrentThemeAndTheNextOne', () => {
    render(<ThemeToggle />);
    const button = screen.getByRole('button');
    expect(button.getAttribute('aria-label')).toBe('Theme: System. Switch to Light');
    expect(button.getAttribute('title')).toBe(button.getAttribute('aria-label'));
    fireEvent.click(button);
    expect(getPrefs().theme).toBe('light');
    expect(screen.getByRole('button', { name: 'Theme: Light. Switch to Dark' })).toBe(button);
    fireEvent.click(button);
    expect(getPrefs().theme).toBe('dark');
    expect(button.getAttribute('aria-label')).toBe('Theme: Dark. Switch to System');
    fireEvent.click(button);
    expect(getPrefs().theme).toBe('system');
  });

  it('showsTheIconOfTheCurrentTheme', () => {
    render(<ThemeToggle />);
    const icon = () => screen.getByRole('button').querySelector('svg')!.getAttribute('class');
    expect(icon()).toContain('monitor');
    act(() => setPrefs({ theme: 'light' }));
    expect(icon()).toContain('sun');
    act(() => setPrefs({ theme: 'dark' }));
    expect(icon()).toContain('moon');
  });

  it('announcesTheNewThemeInsideTheApp', () => {
    const api = testApi();
    const announce = vi.spyOn(api, 'announce');
    renderWithApp(<ThemeToggle />, api);
    fireEvent.click(screen.getByRole('button', { name: /^Theme: System/ }));
    expect(announce).toHaveBeenCalledWith('Theme: Light');
  });
});
