import { Plus } from 'lucide-react';
import { t } from '../../i18n';
import './phone.css';

/**
 * The phone's Add button, floating above the list's bottom right corner in thumb reach (the header
 * has no room for it there). Hidden while a selection's bar takes the bottom edge.
 */
export function AddFab({ onAdd }: { onAdd: () => void }) {
  return (
    <button type="button" className="fab" aria-label={t('phone.add')} title={t('phone.add')} onClick={onAdd}>
      <Plus size={28} aria-hidden="true" />
    </button>
  );
}
