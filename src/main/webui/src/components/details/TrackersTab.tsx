import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApp } from '../../context';
import { formatDate, formatEta } from '../../format';
import { errorText } from '../add/addApi';
import { addTrackers, getTrackers, reannounce, removeTrackers, type TrackerDto } from './detailsApi';
import { dt } from './strings';
import { useTopic } from './useTopic';

const fromFrame = (frame: { trackers: TrackerDto[] }) => frame.trackers;

/** Re-renders once a second, for countdowns. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The Trackers tab: live status per tracker (trackers frames), add, remove and reannounce. */
export function TrackersTab({ torrentId }: { torrentId: string }) {
  const { toast } = useApp();
  const { data, error, set } = useTopic(torrentId, 'trackers', getTrackers, fromFrame);
  const [urls, setUrls] = useState('');
  const fieldId = useId();
  const now = useNow();
  const fail = (failure: unknown) => toast(errorText(failure), 'error');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = urls.split(/\s+/).filter((u) => u !== '');
    if (list.length === 0) return;
    addTrackers(torrentId, list).then((answer) => {
      set(answer);
      setUrls('');
    }, fail);
  };
  const countdown = (iso: string | null | undefined) => {
    if (iso == null) return '–';
    const at = Date.parse(iso);
    if (Number.isNaN(at)) return '–';
    return at <= now ? formatDate(iso) : dt('detailsPane.trackers.in', { time: formatEta((at - now) / 1000) });
  };

  return (
    <div className="details-trackers">
      <div className="details-toolbar">
        <button type="button" className="button" onClick={() => reannounce(torrentId).catch(fail)}>
          {dt('detailsPane.trackers.reannounce')}
        </button>
      </div>
      {data === null ? (
        <p role={error === null ? 'status' : 'alert'}>{error ?? dt('detailsPane.loading')}</p>
      ) : (
        <div className="details-table-wrap">
          <table className="details-table" aria-label={dt('detailsPane.trackers.table')}>
            <thead>
              <tr>
                {(['url', 'tier', 'status', 'message', 'seeds', 'leechers', 'peers', 'last', 'next'] as const).map((c) => (
                  <th key={c} scope="col">
                    {dt(`detailsPane.trackers.${c}`)}
                  </th>
                ))}
                <th scope="col">
                  <span className="bq-sr-only">{dt('detailsPane.trackers.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.length === 0 && (
                <tr>
                  <td colSpan={10}>{dt('detailsPane.trackers.none')}</td>
                </tr>
              )}
              {data.map((tr) => (
                <tr key={tr.url}>
                  <td className="details-table__url" dir="ltr">
                    {tr.url}
                  </td>
                  <td className="num">{tr.tier}</td>
                  <td className={`details-tracker--${tr.status}`}>{dt(`detailsPane.trackers.status.${tr.status}`)}</td>
                  <td dir="auto">{tr.lastError ?? tr.warning ?? ''}</td>
                  <td className="num">{tr.seeders}</td>
                  <td className="num">{tr.leechers}</td>
                  <td className="num">{tr.peers}</td>
                  <td>{formatDate(tr.lastAnnounce)}</td>
                  <td>{countdown(tr.nextAnnounce)}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={dt('detailsPane.trackers.remove', { url: tr.url })}
                      onClick={() => removeTrackers(torrentId, [tr.url]).then(set, fail)}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="details-inline-form" onSubmit={submit}>
        <label htmlFor={fieldId}>{dt('detailsPane.trackers.add')}</label>
        <textarea id={fieldId} className="input" rows={2} spellCheck={false} value={urls} onChange={(e) => setUrls(e.target.value)} />
        <button type="submit" className="button" disabled={urls.trim() === ''}>
          {dt('detailsPane.trackers.addButton')}
        </button>
      </form>
    </div>
  );
}
