import {
  Copy,
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
  Play,
  RefreshCw,
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
  | 'limits'
  | 'sequential'
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
  /** Only for exactly one torrent (it opens one page). */
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
  limits: def('limits', Gauge),
  sequential: def('sequential', ListOrdered),
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
export const MORE: readonly ListCommand[] = ['sequential', 'copyMagnet', 'copyHash', 'copyName', 'metainfo', 'playlist', 'details'];
/** Context menu, in groups. */
export const MENU_GROUPS: readonly (readonly ListCommand[])[] = [
  ['details'],
  ['resume', 'pause', 'recheck', 'reannounce'],
  ['move', 'limits', 'sequential'],
  ['copyMagnet', 'copyHash', 'copyName', 'metainfo', 'playlist'],
  ['remove'],
];
