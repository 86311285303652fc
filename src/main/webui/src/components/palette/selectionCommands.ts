import { t } from '../../i18n';
import { COMMANDS, PALETTE_COMMANDS } from '../list/commands';
import type { ListCommandTarget } from '../list/TorrentList';
import type { PaletteCommand } from './CommandPalette';

/**
 * The list's commands on the selected torrents (or the focused one), for the palette: every action
 * the toolbar and the context menu have, found by name. None when nothing is selected or no list is shown;
 * a single-torrent one (rename) is there but off unless it is one torrent.
 */
export function selectionCommands(target: ListCommandTarget | null): PaletteCommand[] {
  const count = target?.count() ?? 0;
  if (target === null || count === 0) return [];
  const group = t('palette.group.selection', { count });
  return PALETTE_COMMANDS.map((id) => {
    const command = COMMANDS[id];
    return {
      id: `selection.${id}`,
      title: t(command.label),
      group,
      keywords: ['selected', 'torrent', id],
      ...(command.shortcut === undefined ? {} : { shortcut: command.shortcut }),
      ...(command.single === true && count !== 1 ? { disabled: true } : {}),
      run: () => target.run(id),
    };
  });
}
