import { ArrowDown, ArrowUp } from 'lucide-react';
import { formatRate } from '../../format';
import { t } from '../../i18n';
import { useHistory, useSession } from '../../store/live';

const POINTS = 60;

function path(values: readonly number[], max: number, width: number, height: number): string {
  if (values.length < 2) return '';
  const step = width / (POINTS - 1);
  const offset = (POINTS - values.length) * step;
  return values
    .map((v, i) => `${i === 0 ? 'M' : 'L'}${(offset + i * step).toFixed(1)},${(height - (v / max) * height).toFixed(1)}`)
    .join('');
}

/** The last minute of session speed as a tiny inline SVG: decoration, the numbers beside it carry the meaning. */
function Sparkline() {
  const history = useHistory();
  const down = history.download.slice(-POINTS);
  const up = history.upload.slice(-POINTS);
  const max = Math.max(1, ...down, ...up);
  return (
    <svg className="sparkline" width="60" height="20" viewBox="0 0 60 20" aria-hidden="true" focusable="false">
      <path className="sparkline__down" d={path(down, max, 60, 20)} />
      <path className="sparkline__up" d={path(up, max, 60, 20)} />
    </svg>
  );
}

/** Global ↓/↑ rates in the header. */
export function SpeedSummary() {
  const session = useSession();
  const down = session?.downloadRate ?? 0;
  const up = session?.uploadRate ?? 0;
  return (
    <div className="speeds" aria-label={t('header.speeds')} role="group">
      <Sparkline />
      <span className="speeds__item" title={t('header.download')}>
        <ArrowDown size={14} aria-hidden="true" />
        <span className="sr-only">{t('header.download')}</span>
        {formatRate(down)}
      </span>
      <span className="speeds__item" title={t('header.upload')}>
        <ArrowUp size={14} aria-hidden="true" />
        <span className="sr-only">{t('header.upload')}</span>
        {formatRate(up)}
      </span>
    </div>
  );
}
