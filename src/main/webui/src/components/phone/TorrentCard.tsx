import { CircleExclamationPoint } from 'lucide-react';
import { memo, useId } from 'react';
import type { TorrentDto } from '../../api/types';
import { formatBytes, formatEta, formatRate } from '../../format';
import { useFormatKey } from '../../prefs/formats';
import { t } from '../../i18n';
import { useTorrent } from '../../store/live';
import { remainingBytes } from '../../store/selectors';
import { ProgressCell, StateCell } from '../list/cells';

/** Card height plus the gap below it, px: fixed, so the virtualiser never measures (5,000 cards). */
export const CARD_HEIGHT = 128;

export interface TorrentCardProps {
  readonly id: string;
  /** Position among the shown cards, 0-based. */
  readonly index: number;
  /** How many cards the list has in all (most are not in the DOM). */
  readonly count: number;
  /** Offset from the top of the list, px. */
  readonly top: number;
  readonly selected: boolean;
  /** The details page's URL, so the name is a real link (a new tab, a shared link). */
  readonly href: string;
  readonly onToggle: (id: string) => void;
}

/**
 * The rates and time left after the state word; only the parts that say something. A download shows
 * ↓ and the time left (UI spec 1.7), a torrent receiving nothing its ↑: all three do not fit on a phone.
 */
function Facts({ torrent }: { torrent: TorrentDto }) {
  const parts: { key: string; arrow?: string; label?: string; text: string }[] = [];
  if (torrent.downloadRate > 0) parts.push({ key: 'down', arrow: '↓', label: t('header.download'), text: formatRate(torrent.downloadRate) });
  else if (torrent.uploadRate > 0) parts.push({ key: 'up', arrow: '↑', label: t('header.upload'), text: formatRate(torrent.uploadRate) });
  if (torrent.state === 'live' && !torrent.finished) parts.push({ key: 'eta', text: t('phone.eta', { eta: formatEta(torrent.etaSeconds) }) });
  return parts.map((part) => (
    <span key={part.key} className="card__fact">
      <span className="card__dot" aria-hidden="true">
        ·
      </span>
      {part.arrow !== undefined && <span aria-hidden="true">{part.arrow} </span>}
      {part.label !== undefined && <span className="sr-only">{part.label} </span>}
      {part.text}
    </span>
  ));
}

/**
 * One torrent as a card: name (two lines), progress, "state · ↓ rate · ↑ rate · ETA", and an error
 * line (the sizes when there is no error). Subscribed to its own torrent only, like a grid row; taps
 * and long presses are handled once on the list (event delegation), not per card.
 */
export const TorrentCard = memo(function TorrentCard({ id, index, count, top, selected, href, onToggle }: TorrentCardProps) {
  const torrent = useTorrent(id);
  const nameId = useId();
  useFormatKey(); // written again when the units change, not only when the torrent does
  if (torrent === undefined) return null;
  const error = torrent.error ?? (torrent.state === 'error' ? t('status.error') : null);
  const left = remainingBytes(torrent);
  return (
    <div
      role="listitem"
      className={`card${selected ? ' is-selected' : ''}`}
      aria-labelledby={nameId}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-card-id={id}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
    >
      {/* The label makes the whole 44 px corner the checkbox's target; selection is announced by it. */}
      <label className="card__check" data-card-check>
        <input type="checkbox" checked={selected} aria-label={t('list.selectRow', { name: torrent.name })} onChange={() => onToggle(id)} />
      </label>
      <div className="card__body">
        <a id={nameId} className="card__name" href={href}>
          {/* dir=auto isolates the name's own direction: an RTL override inside it cannot flip the card. */}
          <bdi dir="auto">{torrent.name}</bdi>
        </a>
        <ProgressCell torrent={torrent} />
        <p className="card__line card__state">
          <StateCell torrent={torrent} />
          <Facts torrent={torrent} />
        </p>
        {error !== null ? (
          <p className="card__line card__error">
            <CircleExclamationPoint size={14} aria-hidden="true" className="card__error-icon" />
            <span className="sr-only">{t('phone.errorPrefix')} </span>
            <bdi dir="auto" className="card__error-text">
              {error}
            </bdi>
          </p>
        ) : (
          <p className="card__line card__sizes">
            {left === 0
              ? formatBytes(torrent.wantedBytes)
              : t('phone.sizeOf', { done: formatBytes(Math.max(0, torrent.wantedBytes - left)), total: formatBytes(torrent.wantedBytes) })}
          </p>
        )}
      </div>
    </div>
  );
});
