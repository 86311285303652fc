import { Plus, Upload } from 'lucide-react';
import './empty.css';
import { t } from '../../i18n';

/** No torrents at all: the whole area invites a drop or a paste (the window handles both). */
export function NoTorrents({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="empty empty--drop">
      <Upload size={40} aria-hidden="true" className="empty__icon" />
      <p className="empty__title">{t('empty.dropHint')}</p>
      <button type="button" className="button button--primary" onClick={onAdd}>
        <Plus size={16} aria-hidden="true" />
        <span>{t('header.add')}</span>
      </button>
    </div>
  );
}

export function NoMatch({ onClear }: { onClear: () => void }) {
  return (
    <div className="empty">
      <p className="empty__title">{t('empty.noMatch')}</p>
      <button type="button" className="button" onClick={onClear}>
        {t('empty.clearFilters')}
      </button>
    </div>
  );
}

export function Loading() {
  return (
    <div className="empty" aria-busy="true">
      <p className="empty__title">{t('empty.loading')}</p>
    </div>
  );
}
