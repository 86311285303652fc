import type { ReactNode } from 'react';
import type { TorrentDto } from '../../api/types';
import { formatBytes, formatDate, formatDuration, formatEta, formatLimit, formatRate, formatRatio } from '../../format';
import { t, type MessageKey } from '../../i18n';
import { effectiveGoals } from '../../store/goals';
import { remainingBytes, tagText, type SortColumn } from '../../store/selectors';
import { NameCell, ProgressCell, StateCell } from './cells';

/** A data column of the list; the checkbox column is fixed in front of them and not listed here. */
export interface ColumnDef {
  readonly id: SortColumn;
  readonly label: MessageKey;
  /** Default width in px. */
  readonly width: number;
  readonly align?: 'end';
  /** Shown by default (the spec's default set). */
  readonly visible: boolean;
  /** Name cannot be hidden: a row without it means nothing. */
  readonly required?: boolean;
  /** Numbers usually want the largest first on the first click. */
  readonly descFirst?: boolean;
  /**
   * Every field `render` reads: a row whose torrent changed re-renders only the cells whose fields
   * did (columns.test.tsx checks that no other field changes what a cell shows).
   */
  readonly reads: readonly (keyof TorrentDto)[];
  readonly render: (t: TorrentDto) => ReactNode;
}

const num = new Intl.NumberFormat('en');
const ratioLimit = (ratio: number) => (ratio >= 0 ? formatRatio(ratio) : t('goal.none'));
const dash = (value: number, show: (n: number) => string) => (value > 0 ? show(value) : '–');

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'name', label: 'column.name', width: 320, visible: true, required: true, reads: ['name', 'error', 'state', 'category', 'tags'], render: (x) => <NameCell torrent={x} /> },
  { id: 'size', label: 'column.size', width: 90, align: 'end', visible: true, descFirst: true, reads: ['wantedBytes'], render: (x) => formatBytes(x.wantedBytes) },
  { id: 'progress', label: 'column.progress', width: 150, visible: true, descFirst: true, reads: ['state', 'checkedFraction', 'progress', 'finished', 'downloadRate'], render: (x) => <ProgressCell torrent={x} /> },
  { id: 'state', label: 'column.state', width: 150, visible: true, reads: ['state', 'finished', 'downloadRate', 'checkedFraction', 'goalReached', 'forced'], render: (x) => <StateCell torrent={x} /> },
  { id: 'down', label: 'column.down', width: 95, align: 'end', visible: true, descFirst: true, reads: ['downloadRate'], render: (x) => dash(x.downloadRate, formatRate) },
  { id: 'up', label: 'column.up', width: 95, align: 'end', visible: true, descFirst: true, reads: ['uploadRate'], render: (x) => dash(x.uploadRate, formatRate) },
  { id: 'eta', label: 'column.eta', width: 80, align: 'end', visible: true, reads: ['finished', 'etaSeconds'], render: (x) => (x.finished ? '–' : formatEta(x.etaSeconds)) },
  { id: 'peers', label: 'column.peers', width: 90, align: 'end', visible: true, descFirst: true, reads: ['peersConnected', 'peersKnown'], render: (x) => t('cell.peers', { connected: x.peersConnected, known: x.peersKnown }) },
  { id: 'seeds', label: 'column.seeds', width: 70, align: 'end', visible: true, descFirst: true, reads: ['seedsConnected'], render: (x) => num.format(x.seedsConnected) },
  { id: 'ratio', label: 'column.ratio', width: 70, align: 'end', visible: true, descFirst: true, reads: ['ratio'], render: (x) => formatRatio(x.ratio) },
  { id: 'added', label: 'column.added', width: 150, visible: true, descFirst: true, reads: ['addedAt'], render: (x) => formatDate(x.addedAt) },
  { id: 'downloaded', label: 'column.downloaded', width: 100, align: 'end', visible: false, descFirst: true, reads: ['downloadedTotal'], render: (x) => formatBytes(x.downloadedTotal) },
  { id: 'uploaded', label: 'column.uploaded', width: 100, align: 'end', visible: false, descFirst: true, reads: ['uploadedTotal'], render: (x) => formatBytes(x.uploadedTotal) },
  { id: 'remaining', label: 'column.remaining', width: 100, align: 'end', visible: false, descFirst: true, reads: ['wantedBytes', 'progress'], render: (x) => formatBytes(remainingBytes(x)) },
  { id: 'completed', label: 'column.completed', width: 150, visible: false, descFirst: true, reads: ['completedAt'], render: (x) => formatDate(x.completedAt) },
  { id: 'savePath', label: 'column.savePath', width: 220, visible: false, reads: ['saveDir'], render: (x) => <bdi dir="auto">{x.saveDir}</bdi> },
  { id: 'infoHash', label: 'column.infoHash', width: 320, visible: false, reads: ['id'], render: (x) => <span className="mono">{x.id}</span> },
  { id: 'downLimit', label: 'column.downLimit', width: 100, align: 'end', visible: false, reads: ['downloadLimit'], render: (x) => formatLimit(x.downloadLimit) },
  { id: 'upLimit', label: 'column.upLimit', width: 100, align: 'end', visible: false, reads: ['uploadLimit'], render: (x) => formatLimit(x.uploadLimit) },
  { id: 'pieces', label: 'column.pieces', width: 110, align: 'end', visible: false, descFirst: true, reads: ['havePieces', 'pieceCount'], render: (x) => t('cell.pieces', { have: x.havePieces, total: x.pieceCount }) },
  { id: 'maxConnections', label: 'column.maxConnections', width: 110, align: 'end', visible: false, descFirst: true, reads: ['maxConnections'], render: (x) => num.format(x.maxConnections) },
  { id: 'sequential', label: 'column.sequential', width: 100, visible: false, reads: ['sequential'], render: (x) => (x.sequential ? t('common.yes') : t('common.no')) },
  { id: 'category', label: 'column.category', width: 120, visible: false, reads: ['category'], render: (x) => <bdi dir="auto">{x.category ?? ''}</bdi> },
  { id: 'tags', label: 'column.tags', width: 140, visible: false, reads: ['tags'], render: (x) => <bdi dir="auto">{tagText(x)}</bdi> },
  // Shown from 1, as qBittorrent's "#"; the API counts from 0.
  { id: 'queue', label: 'column.queue', width: 70, align: 'end', visible: false, reads: ['queuePosition'], render: (x) => (x.queuePosition >= 0 ? num.format(x.queuePosition + 1) : '–') },
  { id: 'seedingTime', label: 'column.seedingTime', width: 110, align: 'end', visible: false, descFirst: true, reads: ['seedingSeconds'], render: (x) => formatDuration(x.seedingSeconds) },
  { id: 'downloadingTime', label: 'column.downloadingTime', width: 110, align: 'end', visible: false, descFirst: true, reads: ['downloadingSeconds'], render: (x) => formatDuration(x.downloadingSeconds) },
  { id: 'lastActivity', label: 'column.lastActivity', width: 150, visible: false, descFirst: true, reads: ['lastActivityAt'], render: (x) => formatDate(x.lastActivityAt) },
  { id: 'ratioLimit', label: 'column.ratioLimit', width: 90, align: 'end', visible: false, reads: ['effectiveSeedGoals'], render: (x) => ratioLimit(effectiveGoals(x).ratio) },
];

export const COLUMN_BY_ID: ReadonlyMap<SortColumn, ColumnDef> = new Map(COLUMNS.map((c) => [c.id, c]));
/** Width of the fixed checkbox column. */
export const CHECKBOX_WIDTH = 36;
export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1200;
