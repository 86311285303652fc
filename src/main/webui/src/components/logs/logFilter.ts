import { levelRank, lineText, type FilterLevel, type LogLine } from './logLine';

/** Tells whether a line passes; built once per filter change, run per line. */
export type LinePredicate = (line: LogLine) => boolean;

export type TextFilter =
  | { readonly ok: true; readonly test: (text: string) => boolean }
  | { readonly ok: false; readonly error: string };

const ALL: TextFilter = { ok: true, test: () => true };

/**
 * The text filter: a case-insensitive substring, or with `regex` a case-insensitive regular
 * expression. An invalid expression is returned as an error (the engine's message), never thrown:
 * the user is mid-typing most of the time it happens.
 */
export function compileTextFilter(text: string, regex: boolean): TextFilter {
  if (text === '') return ALL;
  if (!regex) {
    const needle = text.toLowerCase();
    return { ok: true, test: (haystack) => haystack.toLowerCase().includes(needle) };
  }
  let pattern: RegExp;
  try {
    // No `g` flag: test() would then keep lastIndex between lines and skip matches.
    pattern = new RegExp(text, 'i');
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, test: (haystack) => pattern.test(haystack) };
}

/** Lines at `minLevel` or more severe whose text passes `text`; an invalid text filter hides nothing. */
export function linePredicate(minLevel: FilterLevel, text: TextFilter): LinePredicate {
  const max = levelRank(minLevel);
  const test = text.ok ? text.test : () => true;
  return (line) => levelRank(line.level) <= max && test(lineText(line));
}

/** The lines that pass, in order; the same array when all pass, so memoised views stay put. */
export function filterLines(lines: readonly LogLine[], predicate: LinePredicate): readonly LogLine[] {
  const out = lines.filter(predicate);
  return out.length === lines.length ? lines : out;
}
