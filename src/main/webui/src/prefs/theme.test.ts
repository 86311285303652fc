import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setPrefs } from './prefs';
import { applyTheme, resolveTheme, setDocumentTheme, THEME_COLORS } from './theme';

/** A matchMedia whose prefers-color-scheme answer the test sets, and fires `change` for. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<(e: { matches: boolean }) => void>();
  const list = {
    matches: dark,
    media: '(prefers-color-scheme: dark)',
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.delete(l),
  };
  Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: vi.fn(() => list) });
  return {
    set(next: boolean) {
      list.matches = next;
      listeners.forEach((l) => l({ matches: next }));
    },
    listeners,
  };
}

const root = document.documentElement;
const metas = () => [...document.head.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')];

let css = '';
beforeAll(async () => {
  // Vitest hands CSS imports over empty (even ?raw), so the file is read from disk: through Node's
  // fs, named at run time because the app's tsconfig has the browser's types, not Node's.
  const fs: { readFileSync(path: URL, encoding: 'utf8'): string } = await import(/* @vite-ignore */ `node:${'fs'}`);
  const here = import.meta.url; // a variable: Vitest rewrites `new URL(…, import.meta.url)` for browsers
  css = fs.readFileSync(new URL('../styles.css', here), 'utf8');
});

/** The declarations of the first rule whose selector is exactly `selector`, in order. */
function block(selector: string, from = 0): string {
  const at = css.indexOf(`${selector} {`, from);
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  return body.split(';').map((d) => d.trim()).filter((d) => d !== '').join(';\n');
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  Reflect.deleteProperty(window, 'matchMedia');
  delete root.dataset.theme;
  root.style.colorScheme = '';
  metas().forEach((m) => m.remove());
});

describe('theme', () => {
  it('resolvesExplicitChoicesWhateverTheSystemSays', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('resolvesSystemThroughPrefersColorScheme', () => {
    fakeSystem(true);
    expect(resolveTheme('system')).toBe('dark');
    fakeSystem(false);
    expect(resolveTheme('system')).toBe('light');
    expect(window.matchMedia).toHaveBeenCalledWith('(prefers-color-scheme: dark)');
  });

  it('takesLightWithoutMatchMedia', () => {
    expect(resolveTheme('system')).toBe('light');
  });

  it('setsDataThemeColorSchemeAndCreatesTheThemeColorMeta', () => {
    setDocumentTheme('dark');
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.colorScheme).toBe('dark');
    expect(metas().map((m) => m.content)).toEqual([THEME_COLORS.dark]);
    setDocumentTheme('light');
    expect(metas().map((m) => m.content)).toEqual([THEME_COLORS.light]); // reused, not added again
  });

  it('updatesEveryExistingThemeColorMetaOfIndexHtml', () => {
    document.head.insertAdjacentHTML(
      'beforeend',
      '<meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)">' +
        '<meta name="theme-color" content="#161b22" media="(prefers-color-scheme: dark)">',
    );
    setDocumentTheme('dark');
    expect(metas().map((m) => m.content)).toEqual([THEME_COLORS.dark, THEME_COLORS.dark]);
  });

  it('followsThePreferenceAndTheSystemWhileApplied', () => {
    const system = fakeSystem(false);
    stop = applyTheme();
    expect(root.dataset.theme).toBe('light');
    system.set(true);
    expect(root.dataset.theme).toBe('dark');
    expect(metas()[0]!.content).toBe(THEME_COLORS.dark);
    setPrefs({ theme: 'light' });
    expect(root.dataset.theme).toBe('light');
    system.set(false);
    system.set(true);
    expect(root.dataset.theme).toBe('light'); // an explicit choice ignores the system
    expect(applyTheme()).toBe(stop); // a second call only re-applies
    stop();
    stop = null;
    expect(system.listeners.size).toBe(0);
    setPrefs({ theme: 'dark' });
    expect(root.dataset.theme).toBe('light');
  });

  it('keepsStylesCssDarkBlocksEqualAndThemeColorsOnTheSurface', () => {
    const media = css.indexOf('@media (prefers-color-scheme: dark)');
    const followed = block(":root:not([data-theme='light'])", media);
    const forced = block(":root[data-theme='dark']");
    expect(followed).toBe(forced);
    expect(forced).toContain(`--surface: ${THEME_COLORS.dark}`);
    expect(block(':root')).toContain(`--surface: ${THEME_COLORS.light}`);
  });
});
