import { useId, useMemo, useState } from 'react';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { compileTextFilter, filterLines, linePredicate } from './logFilter';
import { lineText, type FilterLevel } from './logLine';
import { LogToolbar } from './LogToolbar';
import { LogView } from './LogView';
import { TailStatus } from './TailStatus';
import { useLogTail } from './useLogTail';

/** The live tail: connection state, filters, Pause, Copy and the virtual list of lines. */
export function LogTailPanel() {
  const { toast } = useApp();
  const tail = useLogTail();
  const headingId = useId();
  const [minLevel, setMinLevel] = useState<FilterLevel>('TRACE');
  const [text, setText] = useState('');
  const [regex, setRegex] = useState(false);
  const [follow, setFollow] = useState(true);

  const textFilter = useMemo(() => compileTextFilter(text, regex), [text, regex]);
  const predicate = useMemo(() => linePredicate(minLevel, textFilter), [minLevel, textFilter]);
  const visible = useMemo(() => filterLines(tail.lines, predicate), [tail.lines, predicate]);

  const copy = () => {
    const count = visible.length;
    const body = visible.map(lineText).join('\n');
    // navigator.clipboard is missing on plain-http pages other than localhost.
    const write = navigator.clipboard?.writeText(body) ?? Promise.reject(new Error('no clipboard'));
    write.then(
      () => toast(t('logs.copied', { count }), 'success'),
      () => toast(t('logs.copyFailed'), 'error'),
    );
  };

  return (
    <section className="logs-panel logs-tail" aria-labelledby={headingId}>
      <div className="logs-panel__head">
        <h2 id={headingId}>{t('logs.tail')}</h2>
        <TailStatus state={tail.state} onReconnect={tail.reconnectNow} />
      </div>
      <LogToolbar
        minLevel={minLevel}
        onMinLevel={setMinLevel}
        text={text}
        onText={setText}
        regex={regex}
        onRegex={setRegex}
        textError={textFilter.ok ? null : textFilter.error}
        paused={tail.paused}
        arrivedWhilePaused={tail.arrivedWhilePaused}
        onPause={tail.pause}
        onResume={tail.resume}
        onCopy={copy}
        shown={visible.length}
        total={tail.lines.length}
      />
      <LogView
        lines={visible}
        follow={follow}
        onFollowChange={setFollow}
        empty={tail.lines.length === 0 ? t('logs.empty') : t('logs.noMatch')}
      />
    </section>
  );
}
