import { Upload } from 'lucide-react';
import { t } from '../../i18n';

/** Full-window hint while files are dragged over the page; pointer-transparent so the drop reaches the window. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-overlay__box">
        <Upload size={48} aria-hidden="true" />
        <p>{t('drop.overlay')}</p>
      </div>
    </div>
  );
}
