import { useMemo } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usePlot } from '../ui/usePlot';
import { t } from '../../i18n';
import { formatPerSecond } from './numbers';
import { SAMPLE_WINDOW_S, type QuerySamples } from './samples';

const HEIGHT = 180;

/**
 * uPlot graph of DHT queries per second, in and out, over the last 5 minutes. A lazy chunk (like the
 * Details pane's speed chart), so uPlot loads only when this page shows. Out is dashed: the two are
 * not told apart by colour alone.
 */
export default function DhtChart({ samples }: { samples: QuerySamples }) {
  const data = useMemo<uPlot.AlignedData>(() => [[...samples.times], [...samples.queriesIn], [...samples.queriesOut]], [samples]);
  const holder = usePlot((el) => {
    const css = getComputedStyle(el);
    const accent = css.getPropertyValue('--accent').trim() || '#0969da';
    const ok = css.getPropertyValue('--ok').trim() || '#1a7f37';
    const muted = css.getPropertyValue('--text-muted').trim() || '#59636e';
    const border = css.getPropertyValue('--border').trim() || '#d0d7de';
    const grid = { stroke: border, width: 1 };
    const value = (_u: uPlot, v: number | null) => (v == null ? '–' : formatPerSecond(v));
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth || 600),
      height: HEIGHT,
      series: [
        {},
        { label: t('dht.queriesIn'), stroke: accent, width: 2, value },
        { label: t('dht.queriesOut'), stroke: ok, width: 2, dash: [6, 4], value },
      ],
      axes: [
        { stroke: muted, grid, ticks: grid },
        { stroke: muted, grid, ticks: grid, size: 50, values: (_u, ticks) => ticks.map((v) => formatPerSecond(v)) },
      ],
      scales: {
        // Always the whole window, so the graph fills from the right as samples come instead of
        // stretching its first few seconds across the width.
        x: { time: true, range: (_u, _min, max) => [max - SAMPLE_WINDOW_S, max] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
    };
    return options;
  }, data, HEIGHT);

  return <div ref={holder} className="dht-chart" role="img" aria-label={t('dht.chart')} />;
}
