import './palette.css';
import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { useContext } from 'react';
import { AppContext } from '../../context';
import { t } from '../../i18n';
import { setPrefs, usePrefs, type ThemePref } from '../../prefs/prefs';

const NEXT: Readonly<Record<ThemePref, ThemePref>> = { system: 'light', light: 'dark', dark: 'system' };
const ICON: Readonly<Record<ThemePref, LucideIcon>> = { system: Monitor, light: Sun, dark: Moon };

export const themeName = (theme: ThemePref): string => t(`theme.${theme}`);

/**
 * One button cycling the theme system → light → dark. Its icon shows the current choice and its
 * name says both that and what a click does, since a cycling button has no single "pressed" state.
 * The page follows through applyTheme() (prefs/theme.ts), started in main.tsx.
 */
export function ThemeToggle({ className }: { readonly className?: string }) {
  const { theme } = usePrefs();
  // Optional: the toggle also works outside the app's provider (the login page, tests).
  const app = useContext(AppContext);
  const next = NEXT[theme];
  const Icon = ICON[theme];
  const label = t('theme.toggle', { current: themeName(theme), next: themeName(next) });
  return (
    <button
      type="button"
      className={`icon-button theme-toggle${className === undefined ? '' : ` ${className}`}`}
      aria-label={label}
      title={label}
      onClick={() => {
        setPrefs({ theme: next });
        // A focused button's new name is not read out by every screen reader; the result is.
        app?.announce(t('theme.changed', { theme: themeName(next) }));
      }}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
}
