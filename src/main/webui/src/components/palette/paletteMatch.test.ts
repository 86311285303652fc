import { describe, expect, it } from 'vitest';
import { groupInOrder, matchCommands, queryWords, Rank, rankOf } from './paletteMatch';

const item = (title: string, group = 'Torrents', keywords?: string[]) => ({ title, group, ...(keywords ? { keywords } : {}) });
const titles = (items: readonly { title: string }[]) => items.map((i) => i.title);

const COMMANDS = [
  item('Add torrents', 'General', ['open', 'magnet']),
  item('Pause', 'Torrents', ['stop']),
  item('Start', 'Torrents', ['resume']),
  item('Copy magnet link', 'Torrents'),
  item('Theme: Dark', 'Preferences', ['appearance']),
  item('Speed limits…', 'Torrents', ['throttle']),
  item('Show keyboard shortcuts', 'Help'),
];

describe('palette matching', () => {
  it('splitsTheQueryIntoLowerCaseWords', () => {
    expect(queryWords('  Copy  MAGNET ')).toEqual(['copy', 'magnet']);
    expect(queryWords('   ')).toEqual([]);
  });

  it('matchesEverythingInOrderForAnEmptyQuery', () => {
    expect(titles(matchCommands(COMMANDS, ''))).toEqual(titles(COMMANDS));
  });

  it('needsEveryWordSomewhereInTitleKeywordsOrGroupCaseInsensitively', () => {
    expect(titles(matchCommands(COMMANDS, 'MAGNET copy'))).toEqual(['Copy magnet link']); // not Add: no "copy"
    expect(titles(matchCommands(COMMANDS, 'magnet'))).toEqual(['Copy magnet link', 'Add torrents']);
    expect(titles(matchCommands(COMMANDS, 'resume'))).toEqual(['Start']); // a keyword
    expect(titles(matchCommands(COMMANDS, 'preferences'))).toEqual(['Theme: Dark']); // the group
    expect(titles(matchCommands(COMMANDS, 'pause xyz'))).toEqual([]);
  });

  it('ranksTitlePrefixThenTitleWordStartThenElsewhere', () => {
    const items = [
      item('Reannounce', 'Torrents', ['tracker']), // elsewhere: "tracker" only in a keyword
      item('Open trackers tab', 'Details'), // word start: "trackers"
      item('Tracker list', 'Details'), // title prefix
      item('Retrack', 'Torrents'), // inside a word: elsewhere
    ];
    expect(titles(matchCommands(items, 'track'))).toEqual(['Tracker list', 'Open trackers tab', 'Reannounce', 'Retrack']);
    expect(rankOf(items[2]!, ['track'])).toBe(Rank.TitlePrefix);
    expect(rankOf(items[1]!, ['track'])).toBe(Rank.TitleWordStart);
    expect(rankOf(items[0]!, ['track'])).toBe(Rank.Elsewhere);
    expect(rankOf(items[0]!, ['nothing'])).toBeNull();
  });

  it('takesTheWholeQueryForThePrefixAndEachWordForWordStarts', () => {
    const items = [item('Link magnet copy'), item('Copy magnet link')];
    expect(titles(matchCommands(items, 'copy mag'))).toEqual(['Copy magnet link', 'Link magnet copy']);
    expect(rankOf(items[0]!, queryWords('copy mag'))).toBe(Rank.TitleWordStart);
    // After punctuation counts as a word start too.
    expect(rankOf(item('Theme: Dark'), ['dark'])).toBe(Rank.TitleWordStart);
  });

  it('groupsInTheOrderOfTheFirstMatchKeepingTheRankOrderInside', () => {
    const ranked = matchCommands(COMMANDS, 's');
    const sections = groupInOrder(ranked);
    expect(sections.map((s) => s.group)).toEqual([...new Set(ranked.map((r) => r.group))]);
    expect(sections.flatMap((s) => s.items)).toHaveLength(ranked.length);
    expect(titles(sections[0]!.items)).toEqual(['Start', 'Speed limits…', 'Pause', 'Copy magnet link']);
  });
});
