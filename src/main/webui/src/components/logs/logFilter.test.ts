import { describe, expect, it } from 'vitest';
import { compileTextFilter, filterLines, linePredicate } from './logFilter';
import { lineText, parseLogFrame } from './logLine';
import { logLine } from './testLines';

const lines = [
  logLine({ level: 'ERROR', message: 'Disk full on /data' }),
  logLine({ level: 'WARN', message: 'Tracker timed out' }),
  logLine({ level: 'INFO', message: 'Added ubuntu.iso' }),
  logLine({ level: 'DEBUG', message: 'peer 192.0.2.7 choked us' }),
  logLine({ level: 'TRACE', message: 'piece 12 block 3' }),
  logLine({ level: 'FATAL', message: 'out of memory' }),
];
const messages = (out: readonly { message: string }[]) => out.map((l) => l.message);
const all = compileTextFilter('', false);

describe('logFilter', () => {
  it('keepsLinesAtTheMinimumLevelOrMoreSevere', () => {
    expect(messages(filterLines(lines, linePredicate('WARN', all)))).toEqual(['Disk full on /data', 'Tracker timed out', 'out of memory']);
    expect(messages(filterLines(lines, linePredicate('ERROR', all)))).toEqual(['Disk full on /data', 'out of memory']);
    expect(filterLines(lines, linePredicate('TRACE', all))).toBe(lines);
  });

  it('showsLevelsItCannotRankAtAnyFilter', () => {
    const odd = [logLine({ level: 'NOTICE', message: 'odd' })];
    expect(messages(filterLines(odd, linePredicate('ERROR', all)))).toEqual(['odd']);
  });

  it('matchesPlainTextAsACaseInsensitiveSubstringNotAPattern', () => {
    expect(messages(filterLines(lines, linePredicate('TRACE', compileTextFilter('TRACKER', false))))).toEqual(['Tracker timed out']);
    // "." is a dot here, not "any character".
    expect(messages(filterLines(lines, linePredicate('TRACE', compileTextFilter('2.7', false))))).toEqual(['peer 192.0.2.7 choked us']);
    expect(filterLines(lines, linePredicate('TRACE', compileTextFilter('192.0.2.', false)))).toHaveLength(1);
    expect(filterLines(lines, linePredicate('TRACE', compileTextFilter('.*', false)))).toHaveLength(0);
  });

  it('searchesTheWholeLineIncludingLevelAndCategory', () => {
    const text = compileTextFilter('engine.Engine', false);
    expect(filterLines(lines, linePredicate('TRACE', text))).toBe(lines);
    expect(lineText(lines[0]!)).toContain('ERROR [dev.bitquark.engine.Engine] (main) Disk full on /data');
  });

  it('matchesRegularExpressionsCaseInsensitively', () => {
    const text = compileTextFilter('^.*(disk|piece) \\w+', true);
    expect(text.ok).toBe(true);
    expect(messages(filterLines(lines, linePredicate('TRACE', text)))).toEqual(['Disk full on /data', 'piece 12 block 3']);
    // Combined with the level filter.
    expect(messages(filterLines(lines, linePredicate('INFO', text)))).toEqual(['Disk full on /data']);
  });

  it('reportsAnInvalidRegexWithoutThrowingAndHidesNothing', () => {
    const text = compileTextFilter('(unclosed', true);
    expect(text.ok).toBe(false);
    expect(text.ok ? '' : text.error).toMatch(/unterminated|missing|\)/i);
    expect(filterLines(lines, linePredicate('TRACE', text))).toBe(lines);
    expect(compileTextFilter('[z-a]', true).ok).toBe(false);
  });

  it('parsesOnlyLogFrames', () => {
    expect(parseLogFrame('{"type":"log","seq":3,"time":"t","level":"WARN","category":"c","thread":null,"message":"m"}')).toEqual({
      seq: 3, time: 't', level: 'WARN', category: 'c', thread: null, message: 'm',
    });
    expect(parseLogFrame('{"type":"hello"}')).toBeNull();
    expect(parseLogFrame('not json')).toBeNull();
    expect(parseLogFrame('null')).toBeNull();
    expect(parseLogFrame(new ArrayBuffer(2))).toBeNull();
  });
});
