import { act, renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeMedia } from './testMedia';
import { PHONE_QUERY, TABLET_QUERY, useViewport } from './useMediaQuery';

describe('useViewport', () => {
  it('isDesktopWithoutMatchMedia', () => {
    expect(typeof window.matchMedia).toBe('undefined');
    expect(renderHook(() => useViewport()).result.current).toBe('desktop');
  });

  it.each([
    [320, 'phone'],
    [639, 'phone'],
    [640, 'tablet'],
    [1024, 'tablet'],
    [1025, 'desktop'],
  ] as const)('at %i px is %s', (width, expected) => {
    const media = fakeMedia(width);
    try {
      expect(renderHook(() => useViewport()).result.current).toBe(expected);
    } finally {
      media.restore();
    }
  });

  it('followsTheWindowAcrossBreakpoints', () => {
    const media = fakeMedia(390);
    try {
      const { result } = renderHook(() => useViewport());
      act(() => media.setWidth(768));
      expect(result.current).toBe('tablet');
      act(() => media.setWidth(1440));
      expect(result.current).toBe('desktop');
      act(() => media.setWidth(375));
      expect(result.current).toBe('phone');
    } finally {
      media.restore();
    }
  });
});

/** The at-rule preludes around each `animation:` declaration of a stylesheet. */
function animationContexts(css: string): string[][] {
  const stack: string[] = [];
  const found: string[][] = [];
  let start = 0;
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      stack.push(text.slice(start, i).trim());
      start = i + 1;
    } else if (c === '}') {
      stack.pop();
      start = i + 1;
    } else if (c === ';') {
      if (/^\s*animation\s*:/.test(text.slice(start, i))) found.push([...stack]);
      start = i + 1;
    }
  }
  return found;
}

const sheets: Record<string, string> = {};
beforeAll(async () => {
  // As in prefs/theme.test.ts: Vitest hands CSS imports over empty, and the app's tsconfig has the
  // browser's types, not Node's, so fs is named at run time.
  const fs: { readFileSync(path: URL, encoding: 'utf8'): string } = await import(/* @vite-ignore */ `node:${'fs'}`);
  const here = import.meta.url; // a variable: Vitest rewrites `new URL(…, import.meta.url)` for browsers
  for (const path of ['./phone.css', '../shell/shell.css']) sheets[path] = fs.readFileSync(new URL(path, here), 'utf8');
});

describe('motion', () => {
  it.each(['./phone.css', '../shell/shell.css'])('%s slides only for prefers-reduced-motion: no-preference', (path) => {
    const contexts = animationContexts(sheets[path]!);
    const slides = contexts.filter((c) => !c.some((p) => p.includes('connection__dot'))); // the connection pulse is not a slide
    expect(slides.length).toBeGreaterThan(0);
    for (const context of slides) expect(context.some((p) => p.includes('prefers-reduced-motion: no-preference'))).toBe(true);
  });

  it('usesTheSameBreakpointsAsTheCss', () => {
    const shell = sheets['../shell/shell.css']!;
    expect(shell).toContain(`@media ${PHONE_QUERY}`);
    expect(shell).toContain(`@media ${TABLET_QUERY}`);
  });
});
