import { useMemo } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usePlot } from '../ui/usePlot';
import { formatRate } from '../../format';
import { dt } from './strings';
import type { SpeedSamples } from './useSpeedSamples';

const HEIGHT = 220;

/**
 * uPlot graph of one torrent's ↓/↑. Loaded only when the Speed tab opens (this module is a lazy
 * chunk), so uPlot stays out of the initial bundle. Upload is dashed: not told apart by colour alone.
 */
export default function SpeedChart({ samples }: { samples: SpeedSamples }) {
  const data = useMemo<uPlot.AlignedData>(() => [[...samples.times], [...samples.down], [...samples.up]], [samples]);
  const holder = usePlot((el) => {
    const css = getComputedStyle(el);
    const accent = css.getPropertyValue('--accent').trim() || '#0969da';
    const ok = css.getPropertyValue('--ok').trim() || '#1a7f37';
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth || 600),
      height: HEIGHT,
      series: [
        {},
        { label: dt('detailsPane.speed.down'), stroke: accent, width: 2, value: (_u, v) => (v == null ? '–' : formatRate(v)) },
        { label: dt('detailsPane.speed.up'), stroke: ok, width: 2, dash: [6, 4], value: (_u, v) => (v == null ? '–' : formatRate(v)) },
      ],
      axes: [{}, { values: (_u, ticks) => ticks.map((v) => formatRate(v)), size: 80 }],
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1024, max)] } },
    };
    return options;
  }, data, HEIGHT);

  return <div ref={holder} className="details-speed__chart" role="img" aria-label={dt('detailsPane.graph')} />;
}
