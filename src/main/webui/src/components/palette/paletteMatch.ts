/** What the palette searches in; a subset of PaletteCommand, so this file stays free of React. */
export interface Matchable {
  readonly title: string;
  readonly group: string;
  readonly keywords?: readonly string[];
}

/** How well a command matches: lower is better. */
export const Rank = { TitlePrefix: 0, TitleWordStart: 1, Elsewhere: 2 } as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

/** The query's words, lower-cased; blanks between them do not matter. */
export const queryWords = (query: string): string[] => query.toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');

/** Whether `word` starts a word of `text` (its start, or after a non-letter, non-digit). */
function startsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!)) return true;
  }
  return false;
}

/**
 * The rank of `item` for the query `words`, or null when some word occurs nowhere in its title,
 * keywords and group (each word a case-insensitive substring, in any order). A title that starts
 * with the whole query ranks first, one where every word starts a title word next, the rest last.
 */
export function rankOf(item: Matchable, words: readonly string[]): Rank | null {
  const title = item.title.toLocaleLowerCase();
  const haystack = [title, ...(item.keywords ?? []), item.group].join('\n').toLocaleLowerCase();
  if (!words.every((w) => haystack.includes(w))) return null;
  if (title.startsWith(words.join(' '))) return Rank.TitlePrefix;
  if (words.every((w) => startsWord(title, w))) return Rank.TitleWordStart;
  return Rank.Elsewhere;
}

/**
 * The items matching `query`, best rank first and, within a rank, in the given order (the caller's
 * order is meaningful: most useful first). An empty query matches everything in order.
 */
export function matchCommands<T extends Matchable>(items: readonly T[], query: string): T[] {
  const words = queryWords(query);
  if (words.length === 0) return [...items];
  const ranked: { item: T; rank: Rank; index: number }[] = [];
  items.forEach((item, index) => {
    const rank = rankOf(item, words);
    if (rank !== null) ranked.push({ item, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((r) => r.item);
}

/**
 * Sections for display: the groups in the order their first item appears, each with its items in
 * the order given. Flattening the sections gives the keyboard order.
 */
export function groupInOrder<T extends Matchable>(items: readonly T[]): { group: string; items: T[] }[] {
  const sections = new Map<string, T[]>();
  for (const item of items) {
    const section = sections.get(item.group);
    if (section === undefined) sections.set(item.group, [item]);
    else section.push(item);
  }
  return [...sections].map(([group, members]) => ({ group, items: members }));
}
