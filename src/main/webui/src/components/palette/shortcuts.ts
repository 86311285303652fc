import { t, type MessageKey } from '../../i18n';

/** Keys with a translated name; any other token is shown as written (a letter, `/`, `1–6`). */
const NAMED = ['mod', 'shift', 'up', 'down', 'left', 'right', 'home', 'end', 'pageUp', 'pageDown', 'space', 'enter', 'esc', 'delete'] as const;
type NamedKey = (typeof NAMED)[number];
export type KeyToken = NamedKey | (string & {});

export interface Shortcut {
  /** Alternatives (shown joined by "or"), each a chord of keys pressed together. */
  readonly keys: readonly (readonly KeyToken[])[];
  readonly description: MessageKey;
  /** No Ctrl/⌘/Alt: off while the user has turned single-key shortcuts off. */
  readonly singleKey?: boolean;
}

export interface ShortcutGroup {
  readonly id: 'general' | 'list' | 'details';
  readonly title: MessageKey;
  readonly shortcuts: readonly Shortcut[];
}

const one = (...keys: KeyToken[]): (readonly KeyToken[])[] => [keys];
const either = (...keys: KeyToken[]): (readonly KeyToken[])[] => keys.map((k) => [k]);

/**
 * Every keyboard shortcut of the app, for the cheat sheet. Where each lives: General in
 * shell/useGlobalKeys.ts (Ctrl/⌘+V is the window's paste handler, shell/useDropAndPaste.ts; Esc is
 * DialogShell's and SearchBox's), List in list/keys.ts (resize handles: list/GridHeader.tsx),
 * Details in details/DetailsPane.tsx (the tab list's arrows are Radix Tabs'). Keep it in step.
 *
 * Not listed because they do not exist: `[` / `]` for the previous/next torrent, and any key
 * for moving between the list and the details pane (Tab and the skip link do that).
 */
export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    id: 'general',
    title: 'shortcuts.group.general',
    shortcuts: [
      { keys: one('mod', 'K'), description: 'shortcuts.palette' },
      { keys: one('/'), description: 'shortcuts.search', singleKey: true },
      { keys: one('?'), description: 'shortcuts.help', singleKey: true },
      { keys: one('mod', 'O'), description: 'shortcuts.add' },
      { keys: one('mod', 'V'), description: 'shortcuts.paste' },
      { keys: one('esc'), description: 'shortcuts.close' },
    ],
  },
  {
    id: 'list',
    title: 'shortcuts.group.list',
    shortcuts: [
      { keys: either('up', 'down'), description: 'shortcuts.move' },
      { keys: [['shift', 'up'], ['shift', 'down']], description: 'shortcuts.extend' },
      { keys: either('home', 'end'), description: 'shortcuts.firstLast' },
      { keys: either('pageUp', 'pageDown'), description: 'shortcuts.page' },
      { keys: one('space'), description: 'shortcuts.toggle' },
      { keys: one('enter'), description: 'shortcuts.open' },
      { keys: one('esc'), description: 'shortcuts.clear' },
      { keys: one('mod', 'A'), description: 'shortcuts.selectAll' },
      { keys: one('delete'), description: 'shortcuts.remove', singleKey: true },
      { keys: one('shift', 'delete'), description: 'shortcuts.removeFiles', singleKey: true },
      { keys: one('P'), description: 'shortcuts.pause', singleKey: true },
      { keys: one('R'), description: 'shortcuts.recheck', singleKey: true },
      { keys: one('F2'), description: 'shortcuts.renameTorrent' },
      { keys: either('left', 'right'), description: 'shortcuts.resize' },
    ],
  },
  {
    id: 'details',
    title: 'shortcuts.group.details',
    shortcuts: [
      { keys: one('1–6'), description: 'shortcuts.tabs', singleKey: true },
      { keys: either('[', ']'), description: 'shortcuts.stepTorrent', singleKey: true },
      { keys: either('left', 'right'), description: 'shortcuts.tabList' },
      { keys: one('F2'), description: 'shortcuts.rename' },
      { keys: one('esc'), description: 'shortcuts.closeDetails' },
    ],
  },
];

/** Apple keyboards say ⌘ where others say Ctrl; the handlers accept either everywhere. */
export function isApple(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return /mac|iphone|ipad|ipod/i.test(nav.userAgentData?.platform || nav.platform || nav.userAgent);
}

/** How a key is written on the sheet. */
export function keyLabel(key: KeyToken, apple = isApple()): string {
  if (key === 'mod') return apple ? t('shortcuts.key.cmd') : t('shortcuts.key.ctrl');
  if ((NAMED as readonly string[]).includes(key)) return t(`shortcuts.key.${key as Exclude<NamedKey, 'mod'>}`);
  return key;
}

/** A chord as text, e.g. "Ctrl+K", for menus and the palette's hints. */
export const chordLabel = (keys: readonly KeyToken[], apple = isApple()): string => keys.map((k) => keyLabel(k, apple)).join('+');
