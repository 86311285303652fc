import { Ellipsis, X } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { t } from '../../i18n';
import { CommandItems } from './CommandItems';
import { COMMANDS, MORE, TOOLBAR, type ListCommand } from './commands';

export interface ActionBarProps {
  readonly count: number;
  readonly onCommand: (command: ListCommand) => void;
  readonly onClear: () => void;
}

/** Shown while torrents are selected: the common actions as buttons, the rest under "More". */
export function ActionBar({ count, onCommand, onClear }: ActionBarProps) {
  return (
    <div role="toolbar" aria-label={t('list.actionsFor', { count })} className="action-bar">
      <span className="action-bar__count">{t('list.selected', { count })}</span>
      {TOOLBAR.map((id) => {
        const command = COMMANDS[id];
        const Icon = command.icon;
        return (
          <button
            key={id}
            type="button"
            className={`button button--small${id === 'remove' ? ' button--danger-text' : ''}`}
            onClick={() => onCommand(id)}
          >
            <Icon size={14} aria-hidden="true" />
            <span>{t(command.label)}</span>
          </button>
        );
      })}
      {/* Not modal: a modal menu locks scrolling with an inline <style>, which the CSP refuses. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className="button button--small">
          <Ellipsis size={14} aria-hidden="true" />
          <span>{t('list.more')}</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="start">
            <CommandItems ids={MORE} count={count} iconSize={14} onCommand={onCommand} />
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <button type="button" className="icon-button" aria-label={t('list.clearSelection')} onClick={onClear}>
        <X size={16} aria-hidden="true" />
      </button>
    </div>
  );
}
