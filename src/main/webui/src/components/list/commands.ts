import {
  ArrowDownToLine,
  ArrowUpToLine,
  ChevronDown,
  ChevronUp,
  ChevronsLeftRight,
  Copy,
  FastForward,
  Folder,
  FileDown,
  FolderInput,
  Gauge,
  Hash,
  Info,
  Link,
  ListOrdered,
  ListVideo,
  Megaphone,
  Pause,
  Pencil,
  Play,
  RefreshCw,
  Tags,
  Target,
  Trash,
  type LucideIcon,
} from 'lucide-react';
import type { MessageKey } from '../../i18n';

/** Everything the toolbar, the context menu and the keys can do to the selected torrents. */
export type ListCommand =
  | 'resume'
  | 'pause'
  | 'recheck'
  | 'reannounce'
  | 'move'
  | 'rename'
  | 'limits'
  | 'sequential'
  | 'firstLast'
  | 'forceStart'
  | 'queueTop'
  | 'queueUp'
  | 'queueDown'
  | 'queueBottom'
  | 'category'
  | 'tags'
  | 'seedGoals'
  | 'copyMagnet'
  | 'copyHash'
  | 'copyName'
  | 'metainfo'
  | 'playlist'
  | 'details'
  | 'remove';

export interface CommandDef {
  readonly id: ListCommand;
  readonly label: MessageKey;
  readonly icon: LucideIcon;
  /** Only for exactly one torrent (it opens its page or its dialog). */
  readonly single?: boolean;
  /** Key hint shown in menus. */
  readonly shortcut?: string;
}

const def = (id: ListCommand, icon: LucideIcon, extra: Partial<CommandDef> = {}): CommandDef => ({
  id,
  label: `command.${id}`,
  icon,
  ...extra,
});

export const COMMANDS: Readonly<Record<ListCommand, CommandDef>> = {
  resume: def('resume', Play),
  pause: def('pause', Pause, { shortcut: 'P' }),
  recheck: def('recheck', RefreshCw, { shortcut: 'R' }),
  reannounce: def('reannounce', Megaphone),
  move: def('move', FolderInput),
  rename: def('rename', Pencil, { single: true, shortcut: 'F2' }),
  limits: def('limits', Gauge),
  sequential: def('sequential', ListOrdered),
  firstLast: def('firstLast', ChevronsLeftRight),
  forceStart: def('forceStart', FastForward),
  queueTop: def('queueTop', ArrowUpToLine),
  queueUp: def('queueUp', ChevronUp),
  queueDown: def('queueDown', ChevronDown),
  queueBottom: def('queueBottom', ArrowDownToLine),
  category: def('category', Folder),
  tags: def('tags', Tags),
  seedGoals: def('seedGoals', Target),
  copyMagnet: def('copyMagnet', Link),
  copyHash: def('copyHash', Hash),
  copyName: def('copyName', Copy),
  metainfo: def('metainfo', FileDown),
  playlist: def('playlist', ListVideo, { single: true }),
  details: def('details', Info, { single: true, shortcut: 'Enter' }),
  remove: def('remove', Trash, { shortcut: 'Del' }),
};

/** Toolbar buttons; the rest sit in its "More" menu. */
export const TOOLBAR: readonly ListCommand[] = ['resume', 'pause', 'recheck', 'reannounce', 'move', 'limits', 'remove'];
export const MORE: readonly ListCommand[] = [
  'rename', 'forceStart', 'category', 'tags', 'seedGoals', 'queueTop', 'queueUp', 'queueDown', 'queueBottom',
  'sequential', 'firstLast', 'copyMagnet', 'copyHash', 'copyName', 'metainfo', 'playlist', 'details',
];
/** Moves in the queue, in menu order. */
export const QUEUE_MOVES = ['queueTop', 'queueUp', 'queueDown', 'queueBottom'] as const;
export type QueueMove = (typeof QUEUE_MOVES)[number];

/** A context-menu entry: a command, or a submenu (categories, tags, queue moves) built from the torrents. */
export type MenuEntry = ListCommand | { readonly sub: 'category' | 'tags' | 'queue' };
/** Context menu, in groups. */
export const MENU_GROUPS: readonly (readonly MenuEntry[])[] = [
  ['details'],
  ['resume', 'pause', 'forceStart', 'recheck', 'reannounce'],
  [{ sub: 'category' }, { sub: 'tags' }, { sub: 'queue' }],
  ['move', 'rename', 'limits', 'seedGoals', 'sequential', 'firstLast'],
  ['copyMagnet', 'copyHash', 'copyName', 'metainfo', 'playlist'],
  ['remove'],
];
/**
 * Commands the command palette offers for the selected torrents (the rest need a pointer: details, playlist).
 * A single-torrent one (rename) is offered off unless exactly one is selected.
 */
export const PALETTE_COMMANDS: readonly ListCommand[] = [
  'resume', 'pause', 'forceStart', 'recheck', 'reannounce', 'category', 'tags', 'seedGoals', 'queueTop', 'queueUp',
  'queueDown', 'queueBottom', 'move', 'rename', 'limits', 'sequential', 'firstLast', 'copyMagnet', 'copyHash', 'copyName',
  'metainfo', 'remove',
];
