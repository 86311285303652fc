import { useEffect, useMemo, useState } from 'react';
import { formatBytes } from '../../format';
import type { SpaceDto } from './addApi';
import type { Entry } from './entries';
import { selectedSize } from './fileTree';
import { FileTreeView } from './FileTreeView';
import { tr } from './strings';

export interface EntryPanelProps {
  readonly entry: Entry;
  readonly space: SpaceDto | null;
  readonly onPriorities: (prio: Uint8Array) => void;
  readonly onRemove: () => void;
  readonly onAddWithoutChoosing: () => void;
}

/** One torrent of the Add dialog: where it stands, what it holds, and its file tree. */
export function EntryPanel({ entry, space, onPriorities, onRemove, onAddWithoutChoosing }: EntryPanelProps) {
  const name = entry.info?.name ?? entry.label;
  return (
    <div className="add-entry">
      <div className="add-entry__head">
        <h3 className="add-entry__name" dir="auto">
          {name}
        </h3>
        {entry.status !== 'metadata' && (
          <button type="button" className="button" aria-label={tr('addDialog.remove', { name })} onClick={onRemove}>
            {tr('addDialog.removeShort')}
          </button>
        )}
      </div>
      {entry.status === 'parsing' && (
        <p role="status" className="add-entry__status">
          {tr('addDialog.parsing')}
        </p>
      )}
      {entry.status === 'metadata' && (
        <MetadataWait entry={entry} onCancel={onRemove} onAddWithoutChoosing={onAddWithoutChoosing} />
      )}
      {(entry.status === 'error' || entry.status === 'duplicate') && entry.message !== null && (
        <p role="alert" className="add-entry__error">
          {entry.message}
        </p>
      )}
      {entry.info !== null && entry.tree !== null && <Facts entry={entry} />}
      {entry.tree !== null && entry.prio !== null && (
        <>
          <FileTreeView
            tree={entry.tree}
            prio={entry.prio}
            label={tr('fileTree.label')}
            disabled={entry.status === 'adding'}
            onChange={(prio) => onPriorities(prio)}
          />
          <Totals entry={entry} space={space} />
        </>
      )}
    </div>
  );
}

function MetadataWait({ entry, onCancel, onAddWithoutChoosing }: { entry: Entry; onCancel: () => void; onAddWithoutChoosing: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = entry.since === null ? 0 : Math.max(0, Math.round((now - entry.since) / 1000));
  return (
    <div className="add-entry__metadata">
      <p role="status" aria-live="polite">
        {tr('addDialog.metadata', { seconds, peers: entry.peers })}
      </p>
      <button type="button" className="button" onClick={onCancel}>
        {tr('addDialog.cancelMetadata')}
      </button>
      <button type="button" className="button" onClick={onAddWithoutChoosing} disabled={entry.torrentId === null}>
        {tr('addDialog.addWithout')}
      </button>
    </div>
  );
}

function Facts({ entry }: { entry: Entry }) {
  const info = entry.info!;
  const yesNo = (v: boolean) => tr(v ? 'addDialog.yes' : 'addDialog.no');
  return (
    <dl className="add-entry__facts">
      <dt>{tr('addDialog.totalSize')}</dt>
      <dd>{formatBytes(info.totalSize)}</dd>
      {info.pieceLength > 0 && (
        <>
          <dt>{tr('addDialog.pieceSize')}</dt>
          <dd>{formatBytes(info.pieceLength)}</dd>
        </>
      )}
      <dt>{tr('addDialog.pieces')}</dt>
      <dd>{info.pieceCount}</dd>
      {info.isPrivate !== null && (
        <>
          <dt>{tr('addDialog.private')}</dt>
          <dd>{yesNo(info.isPrivate)}</dd>
        </>
      )}
      {info.trackers > 0 && (
        <>
          <dt>{tr('addDialog.trackers')}</dt>
          <dd>{info.trackers}</dd>
        </>
      )}
    </dl>
  );
}

function Totals({ entry, space }: { entry: Entry; space: SpaceDto | null }) {
  const selected = useMemo(() => selectedSize(entry.tree!, entry.prio!), [entry.tree, entry.prio]);
  const total = entry.tree!.totalSize;
  const fits = space === null || selected <= space.freeBytes;
  return (
    <p className="add-entry__totals" aria-live="polite">
      <span>{tr('addDialog.selected', { selected: formatBytes(selected), total: formatBytes(total) })}</span>
      {space !== null && fits && <span> · {tr('addDialog.free', { free: formatBytes(space.freeBytes) })}</span>}
      {!fits && (
        <strong className="add-entry__warn" role="alert">
          {' ⚠ '}
          {tr('addDialog.noFit', { free: formatBytes(space.freeBytes) })}
        </strong>
      )}
    </p>
  );
}
