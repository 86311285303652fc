import { DropdownMenu } from 'radix-ui';
import { t } from '../../i18n';
import { COMMANDS, type ListCommand } from './commands';

export interface CommandItemsProps {
  readonly ids: readonly ListCommand[];
  /** Torrents the commands act on: single-torrent commands are off unless it is one. */
  readonly count: number;
  readonly iconSize: number;
  readonly onCommand: (command: ListCommand) => void;
}

/** The items of a "More" menu of list commands (the desktop action bar's and the phone's). */
export function CommandItems({ ids, count, iconSize, onCommand }: CommandItemsProps) {
  return (
    <>
      {ids.map((id) => {
        const command = COMMANDS[id];
        const Icon = command.icon;
        return (
          <DropdownMenu.Item
            key={id}
            className="menu__item"
            disabled={command.single === true && count !== 1}
            onSelect={() => onCommand(id)}
          >
            <Icon size={iconSize} aria-hidden="true" />
            <span className="menu__label">{t(command.label)}</span>
          </DropdownMenu.Item>
        );
      })}
    </>
  );
}
