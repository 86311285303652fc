import {
  ArrowDown,
  ArrowUp,
  CircleDashed,
  CircleExclamationPoint,
  CircleQuestionMark,
  Magnet,
  Pause,
  RefreshCw,
  type LucideIcon,
} from 'lucide-react';
import type { TorrentDto } from '../../api/types';
import { formatPercent } from '../../format';
import { t } from '../../i18n';
import { statusOf, type StatusKind } from '../../store/status';

const STATUS_ICONS: Record<StatusKind, LucideIcon> = {
  downloading: ArrowDown,
  seeding: ArrowUp,
  paused: Pause,
  checking: RefreshCw,
  metadata: Magnet,
  error: CircleExclamationPoint,
  stalled: CircleDashed,
  unknown: CircleQuestionMark,
};

/** The State column's words; the icon only repeats them, so meaning never rests on colour or shape. */
export function statusText(torrent: TorrentDto): string {
  const kind = statusOf(torrent);
  if (kind === 'checking') return t('status.checkingPct', { pct: formatPercent(torrent.checkedFraction) });
  if (kind === 'unknown') return torrent.state;
  return t(`status.${kind}`);
}

export function StateCell({ torrent }: { torrent: TorrentDto }) {
  const kind = statusOf(torrent);
  const Icon = STATUS_ICONS[kind];
  return (
    <span className={`status status--${kind}`}>
      <Icon className="status__icon" size={14} aria-hidden="true" />
      <span className="status__text">{statusText(torrent)}</span>
    </span>
  );
}

export function ProgressCell({ torrent }: { torrent: TorrentDto }) {
  const fraction = torrent.state === 'checking' ? torrent.checkedFraction : torrent.progress;
  const pct = Math.min(100, Math.max(0, Math.floor(fraction * 1000) / 10));
  const text = formatPercent(fraction);
  return (
    <span className="progress">
      <span
        className={`progress__bar progress__bar--${statusOf(torrent)}`}
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuetext={text}
        aria-label={t('column.progress')}
      >
        <span className="progress__fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="progress__text">{text}</span>
    </span>
  );
}

export function NameCell({ torrent }: { torrent: TorrentDto }) {
  const error = torrent.error ?? (torrent.state === 'error' ? t('status.error') : null);
  return (
    <span className="name">
      {/* dir=auto isolates the name's own direction: an RTL override inside it cannot flip the row. */}
      <bdi className="name__text" title={torrent.name} dir="auto">
        {torrent.name}
      </bdi>
      {error !== null && (
        <span className="badge badge--error" title={error}>
          <CircleExclamationPoint size={12} aria-hidden="true" />
          <span>{t('badge.error')}</span>
        </span>
      )}
    </span>
  );
}
