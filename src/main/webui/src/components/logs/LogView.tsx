import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownToLine } from 'lucide-react';
import { memo, useLayoutEffect, useRef } from 'react';
import { LOCALE, t } from '../../i18n';
import { indexOfId } from './logBuffer';
import { lineText, type LogLine } from './logLine';

/** Every row is one line of this height (long lines are cut; the title has them whole). */
export const LOG_ROW_HEIGHT = 22;
/** Height assumed while the scroller has none yet (hidden, or jsdom in tests), so rows still render. */
const FALLBACK_HEIGHT = 480;

const timeFormat = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

function shortTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : timeFormat.format(ms);
}

/** A fixed class per level (never the server's text as a class name). */
const LEVEL_CLASS: Readonly<Record<string, string>> = {
  OFF: 'error', FATAL: 'error', ERROR: 'error', WARN: 'warn', INFO: 'info', DEBUG: 'debug', TRACE: 'debug', ALL: 'debug',
};

const LogRow = memo(function LogRow({ line, top }: { line: LogLine; top: number }) {
  const category = line.category.slice(line.category.lastIndexOf('.') + 1);
  return (
    <div
      className={`logs-row logs-row--${LEVEL_CLASS[line.level] ?? 'info'}`}
      style={{ transform: `translateY(${top}px)`, height: LOG_ROW_HEIGHT }}
      title={lineText(line)}
    >
      <time className="logs-row__time" dateTime={line.time}>
        {shortTime(line.time)}
      </time>{' '}
      <span className="logs-row__level">{line.level}</span>{' '}
      <span className="logs-row__category">{category}</span>{' '}
      <bdi className="logs-row__message">{line.message}</bdi>
    </div>
  );
});

export interface LogViewProps {
  readonly lines: readonly LogLine[];
  /** Stay at the bottom as lines come. */
  readonly follow: boolean;
  readonly onFollowChange: (follow: boolean) => void;
  readonly empty: string;
}

/**
 * The tail as a virtual list: only the rows in view are in the DOM. While following, each change
 * scrolls to the bottom. Scrolling up stops following; reaching the bottom again resumes it. While
 * not following, the line at the top stays put when older lines drop off or the filter changes.
 */
export function LogView({ lines, follow, onFollowChange, empty }: LogViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const linesRef = useRef(lines);
  linesRef.current = lines;
  const lastTop = useRef(0);
  /** The line at the top of the viewport and how far it is scrolled past. */
  const anchor = useRef<{ id: number; offset: number } | null>(null);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 20,
    getItemKey: (i) => lines[i]?.id ?? -i,
    initialRect: { width: 600, height: FALLBACK_HEIGHT },
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT })),
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    if (follow) {
      el.scrollTop = el.scrollHeight;
    } else if (anchor.current !== null) {
      el.scrollTop = indexOfId(lines, anchor.current.id) * LOG_ROW_HEIGHT + anchor.current.offset;
    }
    // Ours, not the user's: the scroll event this causes must not read as scrolling up.
    lastTop.current = el.scrollTop;
  }, [lines, follow]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el === null) return;
    const top = el.scrollTop;
    const atBottom = el.scrollHeight - top - el.clientHeight <= LOG_ROW_HEIGHT;
    if (atBottom && !follow) onFollowChange(true);
    else if (!atBottom && follow && top < lastTop.current - 1) onFollowChange(false);
    lastTop.current = top;
    const index = Math.floor(top / LOG_ROW_HEIGHT);
    const line = linesRef.current[index];
    anchor.current = line === undefined ? null : { id: line.id, offset: top - index * LOG_ROW_HEIGHT };
  };

  return (
    <div className="logs-view-wrap">
      <div
        ref={scrollRef}
        className="logs-view"
        role="log"
        // A live region would read every line aloud; the tail is read by moving through it.
        aria-live="off"
        aria-label={t('logs.view')}
        tabIndex={0}
        onScroll={onScroll}
      >
        {lines.length === 0 && <p className="logs-view__empty">{empty}</p>}
        <div className="logs-view__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <LogRow key={item.key} line={lines[item.index]!} top={item.start} />
          ))}
        </div>
      </div>
      {!follow && lines.length > 0 && (
        <button type="button" className="button logs-view__jump" onClick={() => onFollowChange(true)}>
          <ArrowDownToLine size={14} aria-hidden="true" /> {t('logs.jump')}
        </button>
      )}
    </div>
  );
}
