import { describe, expect, it } from 'vitest';
import { magnetName, parseSources } from './inputs';

describe('parseSources', () => {
  it('readsMagnetsUrlsAndInfoHashesOneALine', () => {
    const hex = 'AB'.repeat(20);
    const text = `magnet:?xt=urn:btih:${'c'.repeat(40)}&dn=x\n\n  https://example.org/a.torrent \n${hex}\nnonsense\n${hex}`;
    expect(parseSources(text)).toEqual([
      { kind: 'magnet', source: `magnet:?xt=urn:btih:${'c'.repeat(40)}&dn=x` },
      { kind: 'url', source: 'https://example.org/a.torrent' },
      { kind: 'magnet', source: `magnet:?xt=urn:btih:${hex.toLowerCase()}` },
      { kind: 'invalid', source: 'nonsense' },
    ]);
  });

  it('takesTheDisplayNameOfAMagnet', () => {
    expect(magnetName('magnet:?xt=urn:btih:abc&dn=My%20Show')).toBe('My Show');
    expect(magnetName('magnet:?xt=urn:btih:abc')).toBeNull();
  });
});
