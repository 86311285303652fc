/** Seconds of history the graph shows: 5 minutes (150 points at one poll every 2 s). */
export const SAMPLE_WINDOW_S = 300;

/** Queries per second each way, one point per poll, oldest first; `times` in epoch seconds (uPlot's x). */
export interface QuerySamples {
  readonly times: readonly number[];
  readonly queriesIn: readonly number[];
  readonly queriesOut: readonly number[];
}

export const NO_SAMPLES: QuerySamples = { times: [], queriesIn: [], queriesOut: [] };

/**
 * `samples` with one more point, minus those older than `windowS` before it. By time, not by count:
 * a poll skipped while the tab was hidden leaves a gap rather than stretching the graph.
 */
export function addSample(
  samples: QuerySamples,
  time: number,
  queriesIn: number,
  queriesOut: number,
  windowS = SAMPLE_WINDOW_S,
): QuerySamples {
  const from = time - windowS;
  let cut = 0;
  while (cut < samples.times.length && samples.times[cut]! < from) cut++;
  return {
    times: [...samples.times.slice(cut), time],
    queriesIn: [...samples.queriesIn.slice(cut), queriesIn],
    queriesOut: [...samples.queriesOut.slice(cut), queriesOut],
  };
}
