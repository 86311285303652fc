import { ArrowUpDown, Check, ChevronRight, Folder, Minus, Plus, Tags } from 'lucide-react';
import { ContextMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import type { TorrentDto } from '../../api/types';
import { t } from '../../i18n';
import { useLabels } from '../../store/useLabels';
import { COMMANDS, QUEUE_MOVES, type ListCommand } from './commands';
import { sharedCategory, tri, type LabelChange } from './menuState';

/** Radio value of "no category" (a category's name is never empty). */
const NONE = '\u0000none';

export interface SubmenuProps {
  readonly torrents: readonly TorrentDto[];
  readonly disabled: boolean;
  readonly onCommand: (command: ListCommand) => void;
  readonly onLabel: (change: LabelChange) => void;
}

function Sub({ icon, label, disabled, children }: { icon: ReactNode; label: string; disabled: boolean; children: ReactNode }) {
  return (
    <ContextMenu.Sub>
      <ContextMenu.SubTrigger className="menu__item" disabled={disabled}>
        {icon}
        <span className="menu__label">{label}</span>
        <ChevronRight size={14} aria-hidden="true" />
      </ContextMenu.SubTrigger>
      <ContextMenu.Portal>
        <ContextMenu.SubContent className="menu" sideOffset={2} aria-label={label}>
          {children}
        </ContextMenu.SubContent>
      </ContextMenu.Portal>
    </ContextMenu.Sub>
  );
}

/** The mark slot of a radio or checkbox item: a tick, a dash for "some of them", or room. */
const Mark = ({ mixed = false }: { mixed?: boolean }) => (
  <span className="menu__mark" aria-hidden="true">
    <ContextMenu.ItemIndicator>{mixed ? <Minus size={14} /> : <Check size={14} />}</ContextMenu.ItemIndicator>
  </span>
);

/** Category ▸ None, each category (the one they all share ticked), New category… */
export function CategorySubmenu({ torrents, disabled, onLabel }: SubmenuProps) {
  const { categories } = useLabels();
  const names = new Set(categories.map((c) => c.name));
  for (const x of torrents) if (x.category) names.add(x.category);
  const shared = sharedCategory(torrents);
  return (
    <Sub icon={<Folder size={14} aria-hidden="true" />} label={t('menu.category')} disabled={disabled}>
      <ContextMenu.RadioGroup value={shared === null ? '' : shared === '' ? NONE : shared}
        onValueChange={(value) => onLabel({ kind: 'category', category: value === NONE ? null : value })}>
        <ContextMenu.RadioItem className="menu__item" value={NONE}>
          <Mark />
          <span className="menu__label">{t('menu.noCategory')}</span>
        </ContextMenu.RadioItem>
        {[...names].sort((a, b) => a.localeCompare(b)).map((name) => (
          <ContextMenu.RadioItem key={name} className="menu__item" value={name}>
            <Mark />
            <bdi className="menu__label" dir="auto">{name}</bdi>
          </ContextMenu.RadioItem>
        ))}
      </ContextMenu.RadioGroup>
      <ContextMenu.Separator className="menu__separator" />
      <ContextMenu.Item className="menu__item" onSelect={() => onLabel({ kind: 'new', what: 'category' })}>
        <Plus size={14} aria-hidden="true" />
        <span className="menu__label">{t('menu.newCategory')}</span>
      </ContextMenu.Item>
    </Sub>
  );
}

/** Tags ▸ each tag ticked when all of them have it (a dash when some do); choosing one adds it, or removes it from all. */
export function TagsSubmenu({ torrents, disabled, onLabel }: SubmenuProps) {
  const { tags } = useLabels();
  const names = new Set(tags);
  for (const x of torrents) for (const tag of x.tags ?? []) names.add(tag);
  return (
    <Sub icon={<Tags size={14} aria-hidden="true" />} label={t('menu.tags')} disabled={disabled}>
      {names.size === 0 && (
        <ContextMenu.Item className="menu__item" disabled>
          <span className="menu__label">{t('menu.noTags')}</span>
        </ContextMenu.Item>
      )}
      {[...names].sort((a, b) => a.localeCompare(b)).map((tag) => {
        const checked = tri(torrents, (x) => (x.tags ?? []).includes(tag));
        return (
          <ContextMenu.CheckboxItem key={tag} className="menu__item" checked={checked}
            onCheckedChange={(on) => onLabel({ kind: 'tag', tag, add: on === true })}>
            <Mark mixed={checked === 'indeterminate'} />
            <bdi className="menu__label" dir="auto">{tag}</bdi>
          </ContextMenu.CheckboxItem>
        );
      })}
      <ContextMenu.Separator className="menu__separator" />
      <ContextMenu.Item className="menu__item" onSelect={() => onLabel({ kind: 'new', what: 'tags' })}>
        <Plus size={14} aria-hidden="true" />
        <span className="menu__label">{t('menu.newTag')}</span>
      </ContextMenu.Item>
    </Sub>
  );
}

/** Queue ▸ Top, Up, Down, Bottom. */
export function QueueSubmenu({ disabled, onCommand }: SubmenuProps) {
  return (
    <Sub icon={<ArrowUpDown size={14} aria-hidden="true" />} label={t('menu.queue')} disabled={disabled}>
      {QUEUE_MOVES.map((move) => {
        const Icon = COMMANDS[move].icon;
        return (
          <ContextMenu.Item key={move} className="menu__item" onSelect={() => onCommand(move)}>
            <Icon size={14} aria-hidden="true" />
            <span className="menu__label">{t(`menu.${move}`)}</span>
          </ContextMenu.Item>
        );
      })}
    </Sub>
  );
}
