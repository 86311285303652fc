import { lazy, Suspense } from 'react';
import { formatRate } from '../../format';
import { dt } from './strings';
import type { SpeedSamples } from './useSpeedSamples';

const SpeedChart = lazy(() => import('./SpeedChart'));

/** The Speed tab: ↓/↑ of this torrent since the pane opened (10 minutes kept), on a lazily loaded uPlot. */
export function SpeedTab({ samples }: { samples: SpeedSamples }) {
  const last = samples.down.length - 1;
  return (
    <div className="details-speed">
      {samples.down.length < 2 ? (
        <p>{dt('detailsPane.speed.empty')}</p>
      ) : (
        <Suspense fallback={<p role="status">{dt('detailsPane.speed.loading')}</p>}>
          <SpeedChart samples={samples} />
        </Suspense>
      )}
      {last >= 0 && (
        <p>
          {dt('detailsPane.speed.down')}: {formatRate(samples.down[last]!)} · {dt('detailsPane.speed.up')}: {formatRate(samples.up[last]!)}
        </p>
      )}
    </div>
  );
}
