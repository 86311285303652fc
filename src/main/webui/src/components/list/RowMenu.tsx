import { Check, Minus } from 'lucide-react';
import { ContextMenu } from 'radix-ui';
import { Fragment } from 'react';
import type { TorrentDto } from '../../api/types';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { COMMANDS, MENU_GROUPS, type ListCommand } from './commands';
import { CategorySubmenu, QueueSubmenu, TagsSubmenu, type SubmenuProps } from './LabelSubmenus';
import { tri, type LabelChange } from './menuState';

export interface RowMenuProps {
  readonly count: number;
  /** The torrents it acts on (the selection); read when the menu opens, for its ticks. */
  readonly selected: ReadonlySet<string>;
  readonly onCommand: (command: ListCommand) => void;
  readonly onLabel: (change: LabelChange) => void;
}

const SUBMENUS = { category: CategorySubmenu, tags: TagsSubmenu, queue: QueueSubmenu } as const;
/** Commands shown as a tick over the torrents (all, some, none); choosing one turns it off when all have it, else on for all. */
const TOGGLES: Partial<Record<ListCommand, (x: TorrentDto) => boolean>> = {
  forceStart: (x) => x.forced,
  firstLast: (x) => x.firstLastPiecePriority,
};

/** The right-click menu of the list; acts on the selection (a right-click selects the row first). */
export function RowMenu(props: RowMenuProps) {
  return (
    <ContextMenu.Portal>
      <MenuContent {...props} />
    </ContextMenu.Portal>
  );
}

// Mounted only while the menu is open: the ticks are read from the torrents as they are then.
function MenuContent({ count, selected, onCommand, onLabel }: RowMenuProps) {
  const { store } = useApp();
  const all = store.getState().torrents;
  const torrents = [...selected].flatMap((id): TorrentDto[] => {
    const x = all.get(id);
    return x === undefined ? [] : [x];
  });
  const sub: SubmenuProps = { torrents, disabled: count === 0, onCommand, onLabel };
  return (
    <ContextMenu.Content className="menu" aria-label={t('list.actionsFor', { count })}>
      {MENU_GROUPS.map((group, g) => (
        <Fragment key={g}>
          {g > 0 && <ContextMenu.Separator className="menu__separator" />}
          {group.map((entry) => {
            if (typeof entry !== 'string') {
              const Submenu = SUBMENUS[entry.sub];
              return <Submenu key={entry.sub} {...sub} />;
            }
            const command = COMMANDS[entry];
            const Icon = command.icon;
            const disabled = count === 0 || (command.single === true && count !== 1);
            const has = TOGGLES[entry];
            if (has !== undefined) {
              const checked = tri(torrents, has);
              return (
                <ContextMenu.CheckboxItem key={entry} className="menu__item" checked={checked} disabled={disabled}
                  onCheckedChange={() => onCommand(entry)}>
                  <Icon size={14} aria-hidden="true" />
                  <span className="menu__label">{t(command.label)}</span>
                  <ContextMenu.ItemIndicator className="menu__shortcut">
                    {checked === 'indeterminate' ? <Minus size={14} aria-hidden="true" /> : <Check size={14} aria-hidden="true" />}
                  </ContextMenu.ItemIndicator>
                </ContextMenu.CheckboxItem>
              );
            }
            return (
              <ContextMenu.Item
                key={entry}
                className={`menu__item${entry === 'remove' ? ' menu__item--danger' : ''}`}
                disabled={disabled}
                onSelect={() => onCommand(entry)}
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
  );
}
