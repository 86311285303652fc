import { Copy } from 'lucide-react';
import { useState } from 'react';
import type { TorrentDto } from '../../api/types';
import { useApp } from '../../context';
import { formatBytes, formatDate, formatEta, formatPercent, formatRate, formatRatio } from '../../format';
import { statusOf } from '../../store/status';
import { GoalFacts } from './GoalFacts';
import { contentPath } from '../list/dialogs/torrentRename';
import { errorText } from '../add/addApi';
import { resumeTorrent } from './detailsApi';
import { dt } from './strings';
import type { SpeedSamples } from './useSpeedSamples';

/** The state in words, with why when the engine says (an error) or it can be told (stalled). */
export function stateText(t: TorrentDto): string {
  const kind = statusOf(t);
  if (kind === 'paused' && t.goalReached) return dt('detailsPane.state.goalReached', { goal: t.goalReached });
  const text = kindText(t);
  return t.forced && kind !== 'paused' && kind !== 'error' ? dt('detailsPane.state.forced', { state: text }) : text;
}

function kindText(t: TorrentDto): string {
  const kind = statusOf(t);
  switch (kind) {
    case 'checking':
      return dt('detailsPane.state.checking', { percent: formatPercent(t.checkedFraction) });
    case 'stalled':
      return dt(t.seedsConnected === 0 ? 'detailsPane.state.stalled' : 'detailsPane.state.stalledPeers');
    case 'unknown':
      return dt('detailsPane.state.unknown', { state: t.state });
    default:
      return dt(`detailsPane.state.${kind}`);
  }
}

export function OverviewTab({ torrent, samples }: { torrent: TorrentDto; samples: SpeedSamples }) {
  const { toast } = useApp();
  const [restarting, setRestarting] = useState(false);
  const startAgain = () => {
    setRestarting(true);
    resumeTorrent(torrent.id)
      .catch((error: unknown) => toast(errorText(error), 'error'))
      .finally(() => setRestarting(false));
  };
  const pct = Math.floor(torrent.progress * 1000) / 10;
  return (
    <div className="details-overview">
      <p className="details-overview__state">
        <strong>{dt('detailsPane.state')}:</strong> <span>{stateText(torrent)}</span>
      </p>
      {torrent.state === 'error' && (
        <div role="alert" className="details-overview__error">
          <span dir="auto">{torrent.error ?? ''}</span>
          <button type="button" className="button" disabled={restarting} onClick={startAgain}>
            {dt('detailsPane.startAgain')}
          </button>
        </div>
      )}
      <div className="details-overview__progress">
        <span
          role="progressbar"
          aria-label={dt('detailsPane.progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          className="bar"
        >
          <span className="bar__fill" style={{ width: `${pct}%` }} />
        </span>
        <span>{formatPercent(torrent.progress)}</span>
      </div>
      <dl className="details-facts">
        <Fact label={dt('detailsPane.down')} value={formatRate(torrent.downloadRate)} />
        <Fact label={dt('detailsPane.up')} value={formatRate(torrent.uploadRate)} />
        <Fact label={dt('detailsPane.eta')} value={torrent.finished ? '–' : formatEta(torrent.etaSeconds)} />
        <Fact label={dt('detailsPane.ratio')} value={formatRatio(torrent.ratio)} />
        <Fact label={dt('detailsPane.downloaded')} value={formatBytes(torrent.downloadedTotal)} />
        <Fact label={dt('detailsPane.uploaded')} value={formatBytes(torrent.uploadedTotal)} />
        <Fact
          label={dt('detailsPane.peersConnected')}
          value={dt('detailsPane.peersOf', { connected: torrent.peersConnected, known: torrent.peersKnown })}
        />
        <Fact label={dt('detailsPane.seeds')} value={String(torrent.seedsConnected)} />
        <Fact
          label={dt('detailsPane.size')}
          value={dt('detailsPane.sizeOf', { wanted: formatBytes(torrent.wantedBytes), total: formatBytes(torrent.totalBytes) })}
        />
        <Fact
          label={dt('detailsPane.pieces')}
          value={dt('detailsPane.piecesOf', { have: torrent.havePieces, count: torrent.pieceCount })}
        />
        <Fact label={dt('detailsPane.firstLast')} value={dt(torrent.firstLastPiecePriority ? 'common.yes' : 'common.no')} />
        <Fact label={dt('detailsPane.added')} value={formatDate(torrent.addedAt)} />
        <Fact label={dt('detailsPane.completed')} value={formatDate(torrent.completedAt)} />
        <Fact label={dt('detailsPane.infoHash')} value={torrent.id} copy mono />
        <Fact label={dt('detailsPane.savePath')} value={torrent.saveDir} copy />
        {torrent.contentName !== '' && (
          <Fact label={dt('detailsPane.contentPath')} value={contentPath(torrent.saveDir, torrent.contentName)} copy />
        )}
        <GoalFacts torrent={torrent} Fact={Fact} />
      </dl>
      <Sparkline samples={samples} />
    </div>
  );
}

export interface FactProps {
  readonly label: string;
  readonly value: string;
  readonly copy?: boolean;
  readonly mono?: boolean;
}

function Fact({ label, value, copy = false, mono = false }: FactProps) {
  const { toast } = useApp();
  const doCopy = () => {
    // Clipboard needs a secure context; without it the value stays selectable on screen.
    navigator.clipboard?.writeText(value).then(
      () => toast(dt('detailsPane.copied')),
      (error: unknown) => toast(errorText(error), 'error'),
    );
  };
  return (
    <div className="details-facts__item">
      <dt>{label}</dt>
      <dd className={mono ? 'details-facts__mono' : undefined}>
        <span dir="auto">{value}</span>
        {copy && (
          <button type="button" className="icon-button" aria-label={dt('detailsPane.copy', { what: label })} onClick={doCopy}>
            <Copy size={14} aria-hidden="true" />
          </button>
        )}
      </dd>
    </div>
  );
}

/** A small ↓/↑ graph (SVG; uPlot only loads on the Speed tab). Lines differ by dash, not colour alone. */
function Sparkline({ samples }: { samples: SpeedSamples }) {
  const width = 300;
  const height = 48;
  const n = samples.down.length;
  if (n < 2) return null;
  const max = Math.max(1, ...samples.down, ...samples.up);
  const points = (values: readonly number[]) =>
    values.map((v, i) => `${((i / (n - 1)) * width).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`).join(' ');
  return (
    <figure className="details-spark">
      <svg role="img" aria-label={dt('detailsPane.graph')} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none">
        <polyline points={points(samples.down)} className="details-spark__down" fill="none" />
        <polyline points={points(samples.up)} className="details-spark__up" fill="none" strokeDasharray="4 3" />
      </svg>
      <figcaption>
        <span>— {dt('detailsPane.speed.down')}</span> <span>- - {dt('detailsPane.speed.up')}</span>
      </figcaption>
    </figure>
  );
}
