import { useCallback, useEffect, useState } from 'react';
import { LogBuffer } from './logBuffer';
import type { LogLine } from './logLine';
import { LogStream, logsUrl, type LogStreamState } from './logStream';

export interface LogTailView {
  /** The lines to show (frozen while paused), oldest first. */
  readonly lines: readonly LogLine[];
  readonly state: LogStreamState;
  readonly paused: boolean;
  readonly arrivedWhilePaused: number;
}

export interface LogTail extends LogTailView {
  readonly pause: () => void;
  readonly resume: () => void;
  readonly reconnectNow: () => void;
}

/**
 * Follows the server's live log while mounted. Lines go into a {@link LogBuffer} as they come; the
 * page re-renders at most every `flushMs`, since the server replays up to 1,000 lines in a burst on
 * connect and one render per line would stall the tab. State changes and Pause render at once.
 */
export function useLogTail(flushMs = 100): LogTail {
  const [buffer] = useState(() => new LogBuffer());
  const [stream] = useState(() => new LogStream({ url: logsUrl(window.location) }, (line) => buffer.push(line)));
  const read = useCallback(
    (): LogTailView => ({
      lines: buffer.view(),
      state: stream.state,
      paused: buffer.paused,
      arrivedWhilePaused: buffer.arrivedWhilePaused,
    }),
    [buffer, stream],
  );
  const [view, setView] = useState(read);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      setView(read());
    };
    const offLines = buffer.onChange(() => {
      timer ??= setTimeout(flush, flushMs);
    });
    const offState = stream.onStateChange(flush);
    // start() after stop() is allowed: React runs this effect twice in development.
    stream.start();
    flush();
    return () => {
      offLines();
      offState();
      if (timer !== null) clearTimeout(timer);
      stream.stop();
    };
  }, [buffer, stream, read, flushMs]);

  const pause = useCallback(() => {
    buffer.pause();
    setView(read());
  }, [buffer, read]);
  const resume = useCallback(() => {
    buffer.resume();
    setView(read());
  }, [buffer, read]);
  const reconnectNow = useCallback(() => stream.reconnectNow(), [stream]);
  return { ...view, pause, resume, reconnectNow };
}
