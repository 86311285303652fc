/**
 * One line of the server's live log as `/api/v1/logs` sends it (LogTailHandler.java):
 * `{"type":"log","seq":n,"time":"…","level":"INFO","category":"…","thread":"…","message":"…"}`.
 */
export interface LogLine {
  /** Local, increasing per page: a stable React key and scroll anchor (the server's seq restarts with it). */
  readonly id: number;
  readonly seq: number;
  /** ISO-8601 instant, as the server wrote it. */
  readonly time: string;
  readonly level: string;
  readonly category: string;
  readonly thread: string | null;
  readonly message: string;
}

/** The levels a user filters by, most to least severe. */
export const FILTER_LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] as const;
export type FilterLevel = (typeof FILTER_LEVELS)[number];

/** Severity rank (lower is more severe) of every name LogLevels.name() can produce. */
const RANK: Readonly<Record<string, number>> = { OFF: 0, FATAL: 0, ERROR: 1, WARN: 2, INFO: 3, DEBUG: 4, TRACE: 5, ALL: 5 };

/** Rank of a line's level; an unknown name ranks as most severe so that no filter hides it. */
export const levelRank = (level: string): number => RANK[level] ?? 0;

/** A parsed frame without its local id, or null for anything that is not a readable log line. */
export function parseLogFrame(data: unknown): Omit<LogLine, 'id'> | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const f = frame as Record<string, unknown>;
  if (f.type !== 'log' || typeof f.seq !== 'number' || typeof f.message !== 'string') return null;
  return {
    seq: f.seq,
    time: typeof f.time === 'string' ? f.time : '',
    level: typeof f.level === 'string' ? f.level : 'INFO',
    category: typeof f.category === 'string' ? f.category : '',
    thread: typeof f.thread === 'string' ? f.thread : null,
    message: f.message,
  };
}

/** The line as plain text: what Copy puts on the clipboard, what the text filter searches, the row's title. */
export function lineText(line: LogLine): string {
  const thread = line.thread === null ? '' : ` (${line.thread})`;
  return `${line.time} ${line.level.padEnd(5)} [${line.category}]${thread} ${line.message}`;
}
