import type { LogLine } from './logLine';

let next = 1;

/** A log line as the buffer holds it; `seq` and `id` count up unless given. */
export function logLine(overrides: Partial<LogLine> = {}): LogLine {
  const n = next++;
  return {
    id: n,
    seq: n,
    time: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, n)).toISOString(),
    level: 'INFO',
    category: 'dev.bitquark.engine.Engine',
    thread: 'main',
    message: `line ${n}`,
    ...overrides,
  };
}

/** The JSON text frame the server sends for a line (LogTailHandler). */
export function logFrame(overrides: Partial<LogLine> = {}): string {
  const { id: _id, ...frame } = logLine(overrides);
  return JSON.stringify({ type: 'log', ...frame });
}
