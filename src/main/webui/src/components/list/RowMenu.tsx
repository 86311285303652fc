import { ContextMenu } from 'radix-ui';
import { Fragment } from 'react';
import { t } from '../../i18n';
import { COMMANDS, MENU_GROUPS, type ListCommand } from './commands';

export interface RowMenuProps {
  readonly count: number;
  readonly onCommand: (command: ListCommand) => void;
}

/** The right-click menu of the list; acts on the selection (a right-click selects the row first). */
export function RowMenu({ count, onCommand }: RowMenuProps) {
  return (
    <ContextMenu.Portal>
      <ContextMenu.Content className="menu" aria-label={t('list.actionsFor', { count })}>
        {MENU_GROUPS.map((group, g) => (
          <Fragment key={g}>
            {g > 0 && <ContextMenu.Separator className="menu__separator" />}
            {group.map((id) => {
              const command = COMMANDS[id];
              const Icon = command.icon;
              return (
                <ContextMenu.Item
                  key={id}
                  className={`menu__item${id === 'remove' ? ' menu__item--danger' : ''}`}
                  disabled={count === 0 || (command.single === true && count !== 1)}
                  onSelect={() => onCommand(id)}
                >
                  <Icon size={14} aria-hidden="true" />
                  <span className="menu__label">{t(command.label)}</span>
                  {command.shortcut && <span className="menu__shortcut" aria-hidden="true">{command.shortcut}</span>}
                </ContextMenu.Item>
              );
            })}
          </Fragment>
        ))}
      </ContextMenu.Content>
    </ContextMenu.Portal>
  );
}
