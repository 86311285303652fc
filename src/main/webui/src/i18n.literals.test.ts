import { describe, expect, it } from 'vitest';

/**
 * Every user-facing string goes through `t()` (UI spec 1.9): no text between JSX tags and no
 * text in the attributes people read or hear, outside tests. Code shown as code (a property name,
 * an option) and names of other products are the only exceptions, listed here.
 */
const ALLOWED = new Set(['OpenAPI', 'bitquark.dht.enabled=true', 'BITQUARK_DHT_ENABLED=true', '--no-dht',
  'dev.bitquark.engine']);

// The components' source text, as Vite reads it (tests excluded).
const SOURCES = import.meta.glob(['./**/*.tsx', '!./**/*.test.tsx'], { query: '?raw', import: 'default', eager: true }) as
  Record<string, string>;

describe('i18n', () => {
  it('hasNoHardCodedTextInTheComponents', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const [file, text] of Object.entries(SOURCES)) {
      for (const m of text.matchAll(/>([^<>{}]*[A-Za-z]{2,}[^<>{}]*)<\//g)) {
        const literal = m[1]!.trim();
        if (!m[1]!.includes('=>') && !ALLOWED.has(literal)) found.push(`${file}: ${literal}`);
      }
      for (const m of text.matchAll(/\b(aria-label|title|placeholder|alt|label)="([^"]*[A-Za-z][^"]*)"/g)) {
        if (!ALLOWED.has(m[2]!)) found.push(`${file}: ${m[1]}="${m[2]}"`);
      }
      // A string literal as a JSX child or in a ternary there: {'Log in'} or {busy ? 'Logging in…' : 'Log in'}.
      for (const m of text.matchAll(/[{?:]\s*'([A-Z][a-z]+(?: [a-z]+)+[.…]?)'\s*[}:]/g)) found.push(`${file}: '${m[1]}'`);
    }
    expect(found).toEqual([]);
  });
});
