import { Plus } from 'lucide-react';
import type { Ref } from 'react';
import type { ConnectionView } from '../hooks/useConnection';
import type { ServerSettings } from '../hooks/useServerSettings';
import { t } from '../i18n';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SearchBox } from './shell/SearchBox';
import { SpeedSummary } from './shell/SpeedSummary';
import { AppMenu, type MenuTarget } from './shell/AppMenu';
import { TurtleToggle } from './shell/TurtleToggle';
import { NotificationCentre } from './shell/NotificationCentre';
import { ThemeToggle } from './palette/ThemeToggle';

export interface HeaderProps {
  readonly name: string;
  /** `null` while unknown. */
  readonly version: string | null;
  readonly connection: ConnectionView;
  readonly search: string;
  readonly onSearch: (value: string) => void;
  readonly searchRef?: Ref<HTMLInputElement>;
  readonly onAdd: () => void;
  /** A choice in the menu (other pages, the palette, shortcuts, logout). */
  readonly onMenu: (target: MenuTarget) => void;
  /** For the turtle toggle; absent in tests that do not need it. */
  readonly settings?: ServerSettings;
}

/** Top bar: product, search, Add, global speeds, the turtle, the connection indicator, theme and the menu. */
export function Header({ name, version, connection, search, onSearch, searchRef, onAdd, onMenu, settings }: HeaderProps) {
  return (
    <header className="header">
      <div className="header__brand">
        <img className="header__logo" src="/favicon.svg" alt="" width="24" height="24" />
        <span className="header__name">{name}</span>
        <span className="header__version" data-testid="version" aria-busy={version === null}>
          {version === null ? '…' : `v${version}`}
        </span>
      </div>
      <SearchBox value={search} onSearch={onSearch} {...(searchRef ? { inputRef: searchRef } : {})} />
      <button type="button" className="button button--primary header__add" onClick={onAdd} aria-keyshortcuts="Control+O Meta+O">
        <Plus size={16} aria-hidden="true" />
        <span>{t('header.add')}</span>
      </button>
      <div className="header__end">
        <SpeedSummary />
        {settings && <TurtleToggle settings={settings} />}
        <ConnectionIndicator connection={connection} />
        <NotificationCentre />
        <ThemeToggle />
        <AppMenu onSelect={onMenu} />
      </div>
    </header>
  );
}
