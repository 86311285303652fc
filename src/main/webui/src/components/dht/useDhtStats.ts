import { useEffect, useState } from 'react';
import { useApp } from '../../context';
import { getDhtStats, type DhtStats } from './dhtApi';
import { addSample, NO_SAMPLES, type QuerySamples } from './samples';

export const POLL_MS = 2000;

export interface DhtStatsState {
  /** The last answer; kept while a later poll fails. */
  readonly stats: DhtStats | null;
  /** Why the last poll failed, null after a success. */
  readonly error: string | null;
  readonly samples: QuerySamples;
}

/**
 * Polls the DHT's stats while mounted. The next poll is timed from the end of the previous one,
 * so a slow server never has two requests from this page at once; polls are skipped while the tab
 * is hidden. The queries-per-second history lives here, since the server keeps none.
 */
export function useDhtStats(intervalMs = POLL_MS): DhtStatsState {
  const { rest } = useApp();
  const [state, setState] = useState<DhtStatsState>({ stats: null, error: null, samples: NO_SAMPLES });

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const next = () => {
      if (live) timer = setTimeout(poll, intervalMs);
    };
    const poll = () => {
      timer = null;
      if (document.visibilityState === 'hidden') return next();
      getDhtStats(rest).then(
        (stats) => {
          if (!live) return;
          setState((s) => ({
            stats,
            error: null,
            samples: stats.enabled
              ? addSample(s.samples, Date.now() / 1000, stats.queriesInPerSecond, stats.queriesOutPerSecond)
              : NO_SAMPLES,
          }));
          next();
        },
        (failure: unknown) => {
          if (!live) return;
          setState((s) => ({ ...s, error: failure instanceof Error ? failure.message : String(failure) }));
          next();
        },
      );
    };
    poll();
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
    };
  }, [rest, intervalMs]);

  return state;
}
