import { Ellipsis, X } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { t } from '../../i18n';
import { CommandItems } from '../list/CommandItems';
import { COMMANDS, MORE, TOOLBAR, type ListCommand } from '../list/commands';
import './phone.css';

/** What fits along a phone's bottom edge as 44 px buttons; the rest sit under "More". */
export const PHONE_BAR: readonly ListCommand[] = ['resume', 'pause', 'recheck', 'remove'];
export const PHONE_MORE: readonly ListCommand[] = [...TOOLBAR.filter((id) => !PHONE_BAR.includes(id)), ...MORE];

export interface PhoneActionBarProps {
  readonly count: number;
  /** Cards shown; "Select all" is off once all of them are selected. */
  readonly total: number;
  readonly onCommand: (command: ListCommand) => void;
  readonly onSelectAll: () => void;
  readonly onClear: () => void;
}

/**
 * Selection mode's bar along the bottom edge, in thumb reach: the count, Select all, and the list's
 * own commands (list/commands.ts), so a phone does what the desktop toolbar does, dialogs included.
 */
export function PhoneActionBar({ count, total, onCommand, onSelectAll, onClear }: PhoneActionBarProps) {
  return (
    <div role="toolbar" aria-label={t('list.actionsFor', { count })} className="phone-bar">
      <div className="phone-bar__top">
        <button type="button" className="icon-button phone-bar__clear" aria-label={t('list.clearSelection')} onClick={onClear}>
          <X size={20} aria-hidden="true" />
        </button>
        <span className="phone-bar__count" aria-live="polite">
          {t('list.selected', { count })}
        </span>
        <button type="button" className="button phone-bar__all" disabled={count >= total} onClick={onSelectAll}>
          {t('phone.selectAll')}
        </button>
      </div>
      <div className="phone-bar__actions">
        {PHONE_BAR.map((id) => {
          const command = COMMANDS[id];
          const Icon = command.icon;
          return (
            <button
              key={id}
              type="button"
              className={`phone-bar__action${id === 'remove' ? ' phone-bar__action--danger' : ''}`}
              onClick={() => onCommand(id)}
            >
              <Icon size={20} aria-hidden="true" />
              <span>{t(command.label)}</span>
            </button>
          );
        })}
        {/* Not modal: a modal menu locks scrolling with an inline <style>, which the CSP refuses. */}
        <DropdownMenu.Root modal={false}>
          <DropdownMenu.Trigger className="phone-bar__action">
            <Ellipsis size={20} aria-hidden="true" />
            <span>{t('list.more')}</span>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu phone-menu" side="top" align="end" collisionPadding={8}>
              <CommandItems ids={PHONE_MORE} count={count} iconSize={16} onCommand={onCommand} />
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
    </div>
  );
}
