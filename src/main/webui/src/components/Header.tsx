import type { ConnectionState } from '../api';
import { ConnectionIndicator } from './ConnectionIndicator';

export interface HeaderProps {
  readonly name: string;
  /** `null` while unknown. */
  readonly version: string | null;
  readonly connection: ConnectionState;
}

/** Top bar: product name, server version and the live connection indicator. */
export function Header({ name, version, connection }: HeaderProps) {
  return (
    <header className="header">
      <div className="header__brand">
        <img className="header__logo" src="/favicon.svg" alt="" width="24" height="24" />
        <span className="header__name">{name}</span>
        <span className="header__version" data-testid="version" aria-busy={version === null}>
          {version === null ? '…' : `v${version}`}
        </span>
      </div>
      <ConnectionIndicator state={connection} />
    </header>
  );
}
