import { useMemo } from 'react';
import { t } from '../../i18n';
import { setPrefs, usePrefs, type ThemePref } from '../../prefs/prefs';
import type { PaletteCommand } from './CommandPalette';
import { chordLabel } from './shortcuts';
import { themeName } from './ThemeToggle';

const THEMES: readonly ThemePref[] = ['system', 'light', 'dark'];
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/**
 * The palette's "Preferences" section: the three themes, the single-key switch (its title says
 * what running it does, so it follows the current value) and, when given, the shortcut sheet.
 * A hook so that the titles follow changes made elsewhere (another tab, the sheet's switch).
 */
export function usePreferenceCommands(onShortcuts?: () => void): readonly PaletteCommand[] {
  const { theme, singleKeyShortcuts } = usePrefs();
  return useMemo(() => {
    const group = t('palette.group.preferences');
    const commands: PaletteCommand[] = THEMES.map((choice) => ({
      id: `prefs.theme.${choice}`,
      title: t('palette.theme', { theme: themeName(choice) }),
      group,
      keywords: words(t('palette.themeKeywords')),
      run: () => setPrefs({ theme: choice }),
      disabled: choice === theme,
    }));
    commands.push({
      id: 'prefs.singleKeyShortcuts',
      title: singleKeyShortcuts ? t('palette.singleKeysOff') : t('palette.singleKeysOn'),
      group,
      keywords: words(t('palette.singleKeysKeywords')),
      run: () => setPrefs({ singleKeyShortcuts: !singleKeyShortcuts }),
    });
    if (onShortcuts !== undefined) {
      commands.push({
        id: 'prefs.shortcuts',
        title: t('palette.shortcuts'),
        group,
        keywords: words(t('palette.shortcutsKeywords')),
        // The sheet's own key, written as the user would type it; shown only while it works.
        ...(singleKeyShortcuts ? { shortcut: chordLabel(['?']) } : {}),
        run: onShortcuts,
      });
    }
    return commands;
  }, [theme, singleKeyShortcuts, onShortcuts]);
}
