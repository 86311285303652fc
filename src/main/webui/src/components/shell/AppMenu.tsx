import { Command, Info, Keyboard, LogOut, Menu, Network, ScrollText, Settings } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { t } from '../../i18n';

export type MenuTarget = 'settings' | 'logs' | 'dht' | 'about' | 'shortcuts' | 'palette' | 'logout';

const ITEMS: readonly { id: MenuTarget; icon: typeof Settings; label: Parameters<typeof t>[0]; hint?: string }[] = [
  { id: 'settings', icon: Settings, label: 'menu.settings' },
  { id: 'logs', icon: ScrollText, label: 'menu.logs' },
  { id: 'dht', icon: Network, label: 'menu.dht' },
  { id: 'palette', icon: Command, label: 'menu.palette', hint: 'Ctrl+K' },
  { id: 'shortcuts', icon: Keyboard, label: 'menu.shortcuts', hint: '?' },
  { id: 'about', icon: Info, label: 'menu.about' },
  { id: 'logout', icon: LogOut, label: 'header.logout' },
];

/** The header's menu (UI spec 1.1): the other pages, the palette, the shortcut sheet, about, logout. */
export function AppMenu({ onSelect }: { readonly onSelect: (target: MenuTarget) => void }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="icon-button header__menu" aria-label={t('menu.open')} title={t('menu.open')}>
          <Menu size={18} aria-hidden="true" />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          {ITEMS.map(({ id, icon: Icon, label, hint }) => (
            <DropdownMenu.Item key={id} className="menu__item" onSelect={() => onSelect(id)}>
              <Icon size={14} aria-hidden="true" />
              <span className="menu__label">{t(label)}</span>
              {hint && <span className="menu__shortcut" aria-hidden="true">{hint}</span>}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
