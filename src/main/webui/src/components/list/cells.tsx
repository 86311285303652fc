import {
  ArrowDown,
  ArrowUp,
  CircleCheckBig,
  CircleDashed,
  CircleExclamationPoint,
  Clock,
  Folder,
  CircleQuestionMark,
  Magnet,
  Pause,
  RefreshCw,
  Tag,
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
  queued: Clock,
  checking: RefreshCw,
  metadata: Magnet,
  error: CircleExclamationPoint,
  stalled: CircleDashed,
  unknown: CircleQuestionMark,
};

/** A paused torrent stopped by its seeding goal: the server's sentence saying which, else null. */
export const goalReachedText = (torrent: TorrentDto): string | null =>
  torrent.state === 'paused' && torrent.goalReached ? torrent.goalReached : null;

/** The State column's words; the icon only repeats them, so meaning never rests on colour or shape. */
export function statusText(torrent: TorrentDto): string {
  const kind = statusOf(torrent);
  if (goalReachedText(torrent) !== null) return t('status.goalReached');
  let text: string;
  if (kind === 'checking') text = t('status.checkingPct', { pct: formatPercent(torrent.checkedFraction) });
  else if (kind === 'unknown') text = torrent.state;
  else text = t(`status.${kind}`);
  // Forced (qBittorrent's "[F]"): runs whatever the queue; only said while it runs or waits to.
  return torrent.forced && kind !== 'paused' && kind !== 'error' ? t('status.forced', { state: text }) : text;
}

export function StateCell({ torrent }: { torrent: TorrentDto }) {
  const kind = statusOf(torrent);
  const goal = goalReachedText(torrent);
  const Icon = goal !== null ? CircleCheckBig : STATUS_ICONS[kind];
  return (
    <span className={`status status--${kind}${goal !== null ? ' status--goal' : ''}`} title={goal ?? undefined}>
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
      <LabelChips torrent={torrent} />
    </span>
  );
}

/** The category and tag chips after a name (UI spec 1.2); an icon tells them apart, not the colour. */
export function LabelChips({ torrent }: { torrent: TorrentDto }) {
  const tags = torrent.tags ?? [];
  if (!torrent.category && tags.length === 0) return null;
  return (
    <span className="chips">
      {torrent.category && (
        <span className="chip chip--category" title={t('chip.category', { name: torrent.category })}>
          <Folder size={11} aria-hidden="true" />
          <span className="sr-only">{t('chip.categoryPrefix')} </span>
          <bdi dir="auto">{torrent.category}</bdi>
        </span>
      )}
      {tags.map((tag, i) => (
        <span key={`${i}:${tag}`} className="chip chip--tag" title={t('chip.tag', { name: tag })}>
          <Tag size={11} aria-hidden="true" />
          <span className="sr-only">{t('chip.tagPrefix')} </span>
          <bdi dir="auto">{tag}</bdi>
        </span>
      ))}
    </span>
  );
}
