import { WifiOff } from 'lucide-react';
import { formatAge } from '../../format';
import { t } from '../../i18n';

/** While the connection is down, says that the list shows old data and how old. */
export function StaleBanner({ ageMs }: { ageMs: number | null }) {
  return (
    <p className="stale-banner">
      <WifiOff size={16} aria-hidden="true" />
      <span>{ageMs === null ? t('stale.noData') : t('stale.message', { age: formatAge(ageMs) })}</span>
    </p>
  );
}
