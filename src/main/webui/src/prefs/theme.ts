import { getPrefs, subscribePrefs, type ThemePref } from './prefs';

export type ResolvedTheme = 'light' | 'dark';

/**
 * The `--surface` colour of each theme in styles.css (theme.test.ts checks they agree): the
 * browser paints its own bars around the page in it, so they blend with the header.
 */
export const THEME_COLORS: Readonly<Record<ResolvedTheme, string>> = { light: '#ffffff', dark: '#161b22' };

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The device's setting, false where matchMedia is missing (old browsers, test DOMs). */
function darkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
}

export function resolveTheme(pref: ThemePref, systemDark = darkQuery()?.matches ?? false): ResolvedTheme {
  if (pref === 'system') return systemDark ? 'dark' : 'light';
  return pref;
}

/**
 * Puts `theme` on the page: `data-theme` picks the tokens in styles.css, `color-scheme` the
 * browser's own controls and scrollbars, and every `theme-color` meta (index.html has one per
 * scheme for the first paint; one is added if none exists) the browser's bars.
 */
export function setDocumentTheme(theme: ResolvedTheme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  // CSSOM writes are allowed by the CSP's style-src 'self'; only style attributes in markup are not.
  root.style.colorScheme = theme;
  let metas = [...document.head.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')];
  if (metas.length === 0) {
    const meta = document.createElement('meta');
    meta.name = 'theme-color';
    document.head.append(meta);
    metas = [meta];
  }
  // Each may carry a media query; with the same colour in all, whichever the browser picks is right.
  for (const meta of metas) meta.content = THEME_COLORS[theme];
}

let stop: (() => void) | null = null;

/**
 * Applies the theme preference now and keeps following it and, for `system`, the device's
 * setting. Called once from main.tsx before the first render; calling again only re-applies.
 * Returns a function that stops following (tests).
 *
 * No inline bootstrap script in index.html: the CSP allows none. Until this runs, styles.css
 * follows `prefers-color-scheme`, so only a user who chose the opposite of the device's scheme can
 * see the device's one for the instant before the app's script runs.
 */
export function applyTheme(): () => void {
  const apply = () => setDocumentTheme(resolveTheme(getPrefs().theme));
  apply();
  if (stop !== null) return stop;
  const media = darkQuery();
  const unsubscribe = subscribePrefs(apply);
  media?.addEventListener?.('change', apply);
  stop = () => {
    unsubscribe();
    media?.removeEventListener?.('change', apply);
    stop = null;
  };
  return stop;
}
