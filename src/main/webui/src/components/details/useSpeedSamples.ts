import { useEffect, useState } from 'react';
import { useApp } from '../../context';

/** 10 minutes at one point a second. */
export const SPEED_WINDOW = 600;

export interface SpeedSamples {
  /** Epoch seconds. */
  readonly times: readonly number[];
  readonly down: readonly number[];
  readonly up: readonly number[];
}

const EMPTY: SpeedSamples = { times: [], down: [], up: [] };

/**
 * This torrent's ↓/↑ rates, read from the live store once a second since the pane opened (the
 * store keeps no per-torrent history; a rate that does not change sends no delta, so sampling on a
 * clock, not on changes, gives evenly spaced points).
 */
export function useSpeedSamples(torrentId: string, intervalMs = 1000): SpeedSamples {
  const { store } = useApp();
  const [samples, setSamples] = useState<SpeedSamples>(EMPTY);
  useEffect(() => {
    setSamples(EMPTY);
    const sample = () => {
      const torrent = store.getState().torrents.get(torrentId);
      if (torrent === undefined) return;
      setSamples((s) => {
        const cut = s.times.length >= SPEED_WINDOW ? 1 : 0;
        return {
          times: [...s.times.slice(cut), Date.now() / 1000],
          down: [...s.down.slice(cut), torrent.downloadRate],
          up: [...s.up.slice(cut), torrent.uploadRate],
        };
      });
    };
    sample();
    const timer = setInterval(sample, intervalMs);
    return () => clearInterval(timer);
  }, [store, torrentId, intervalMs]);
  return samples;
}
