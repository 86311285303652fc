import { useCallback, useEffect, useState, type MutableRefObject } from 'react';
import './list.css';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { DEFAULT_SORT } from '../../router';
import { useLiveSelector, useTorrentIds } from '../../store/live';
import { createRowSelector, filterKey, formatSort, type ListQuery, type SortColumn, type SortKey } from '../../store/selectors';
import { AddFab } from '../phone/AddFab';
import { CardList } from '../phone/CardList';
import { FilterSortButton } from '../phone/FilterSheet';
import { PhoneActionBar } from '../phone/PhoneActionBar';
import { useViewport } from '../phone/useMediaQuery';
import { ActionBar } from './ActionBar';
import { useTorrentActions } from './actions';
import { ColumnChooser } from './ColumnChooser';
import { COLUMN_BY_ID } from './columns';
import type { ListCommand } from './commands';
import { Loading, NoMatch, NoTorrents } from './EmptyState';
import type { CommandOptions } from './keys';
import { useColumnLayout } from './layout';
import { ListDialogs, type DialogState } from './ListDialogs';
import type { LabelChange } from './menuState';
import { useSelection } from './selection';
import { TorrentGrid } from './TorrentGrid';
import { useDisplayOrder, useSortHold } from './useDisplayOrder';

export interface TorrentListProps {
  readonly query: ListQuery;
  /** A filter, search or sort change the user made (a new history entry unless `replace`). */
  readonly onQueryChange: (query: ListQuery, options?: { replace?: boolean }) => void;
  readonly onOpen: (id: string) => void;
  readonly onAdd: () => void;
  /** The connection is down: the rows shown are the last data, dimmed. */
  readonly stale: boolean;
  /** Filled with the list's commands on its selection, for the command palette. */
  readonly commandsRef?: MutableRefObject<ListCommandTarget | null>;
}

/** What the command palette reaches of the list: how many torrents its commands would act on, and the commands. */
export interface ListCommandTarget {
  count(): number;
  run(command: ListCommand): void;
}

/** Next sort after a header click: same column flips, another replaces, Shift adds a secondary key. */
export function nextSort(current: readonly SortKey[], column: SortColumn, add: boolean): SortKey[] {
  const firstDesc = COLUMN_BY_ID.get(column)?.descFirst === true;
  const at = current.findIndex((k) => k.column === column);
  if (add) {
    if (at < 0) return [...current, { column, desc: firstDesc }].slice(0, 3);
    return current.map((k, i) => (i === at ? { column, desc: !k.desc } : k));
  }
  if (at === 0 && current[0]) return [{ column, desc: !current[0].desc }];
  return [{ column, desc: firstDesc }];
}

export function TorrentList({ query, onQueryChange, onOpen, onAdd, stale, commandsRef }: TorrentListProps) {
  const app = useApp();
  const actions = useTorrentActions();
  const order = useTorrentIds();
  const loaded = useLiveSelector((s) => s.session !== null);
  const viewport = useViewport();
  const phone = viewport === 'phone';
  // A tablet starts with fewer, narrower columns, and keeps its own layout (a rotation crosses 1024 px).
  const layout = useColumnLayout(viewport === 'tablet' ? 'tablet' : 'desktop');
  const hold = useSortHold();
  const [dialog, setDialog] = useState<DialogState>(null);

  // Subscribed to the row order itself, not to every torrent: a commit that changes rates re-renders the
  // changed rows only (they follow their own torrent), not the list and its grid. One selector per
  // list, as it remembers its last answer.
  const [selectRows] = useState(createRowSelector);
  const computed = useLiveSelector((s) => selectRows(s, query));
  const rows = useDisplayOrder(computed, hold.held, `${filterKey(query)}|${formatSort(query.sort)}`);
  const exists = useCallback((id: string) => app.store.getState().torrents.has(id), [app]);
  const selection = useSelection(rows, exists, order);

  const targets = (): readonly string[] =>
    selection.ids.length > 0 ? selection.ids : selection.focus !== null ? [selection.focus] : [];

  const onCommand = (command: ListCommand, options: CommandOptions = {}) => {
    const ids = targets();
    if (ids.length === 0) return;
    switch (command) {
      case 'resume':
      case 'recheck':
      case 'reannounce':
        void actions.bulk(command, ids);
        break;
      case 'pause':
        void (options.toggle ? actions.pauseOrResume(ids) : actions.bulk('pause', ids));
        break;
      case 'remove':
        setDialog({ kind: 'remove', ids, withFiles: options.withFiles === true });
        break;
      case 'move':
      case 'limits':
      case 'seedGoals':
        setDialog({ kind: command, ids });
        break;
      case 'category':
      case 'tags':
        setDialog({ kind: command, ids, create: false });
        break;
      case 'rename':
        // One torrent's (F2 with several selected does nothing, as the menus show it off).
        if (ids.length === 1) setDialog({ kind: 'rename', ids });
        break;
      case 'forceStart':
        void actions.toggleForceStart(ids);
        break;
      case 'queueTop':
      case 'queueUp':
      case 'queueDown':
      case 'queueBottom':
        void actions.queue(command, ids);
        break;
      case 'sequential':
        void actions.toggleSequential(ids);
        break;
      case 'firstLast':
        void actions.toggleFirstLast(ids);
        break;
      case 'copyMagnet':
      case 'copyHash':
      case 'copyName':
        void actions.copy(command === 'copyMagnet' ? 'magnet' : command === 'copyHash' ? 'hash' : 'name', ids);
        break;
      case 'metainfo':
        actions.downloadMetainfo(ids);
        break;
      case 'playlist':
        actions.openPlaylist(ids[0]!);
        break;
      case 'details':
        onOpen(ids[0]!);
        break;
    }
  };

  const onLabel = (change: LabelChange) => {
    const ids = targets();
    if (ids.length === 0) return;
    if (change.kind === 'new') setDialog({ kind: change.what, ids, create: true });
    else if (change.kind === 'category') void actions.setCategory(ids, change.category);
    else void actions.changeTags(ids, change.add ? [change.tag] : [], change.add ? [] : [change.tag]);
  };

  // The palette asks while it is open (the list stays as it was behind it), so the latest closure is enough.
  useEffect(() => {
    if (commandsRef === undefined) return undefined;
    commandsRef.current = { count: () => targets().length, run: (command) => onCommand(command) };
    return () => {
      commandsRef.current = null;
    };
  });

  let body;
  if (!loaded && order.length === 0) body = <Loading />;
  else if (order.length === 0) body = <NoTorrents onAdd={onAdd} />;
  else if (rows.length === 0)
    body = <NoMatch onClear={() => onQueryChange({ filter: 'all', search: '', sort: query.sort })} />;
  else if (phone)
    body = <CardList rows={rows} query={query} selection={selection} hold={hold} onOpen={onOpen} stale={stale} />;
  else
    body = (
      <TorrentGrid
        rows={rows}
        selection={selection}
        layout={layout}
        sort={query.sort.length > 0 ? query.sort : DEFAULT_SORT}
        onSort={(column, add) => onQueryChange({ ...query, sort: nextSort(query.sort, column, add) })}
        hold={hold}
        onOpen={onOpen}
        onCommand={onCommand}
        onLabel={onLabel}
        stale={stale}
        fillName={viewport === 'tablet'}
      />
    );

  return (
    <section className={`list${phone ? ' list--phone' : ''}`} aria-labelledby="list-heading">
      <div className="list__bar">
        <h1 id="list-heading" className="list__heading">
          {t('list.heading')}
          <span className="list__count">
            {rows.length === order.length
              ? t('list.count', { count: rows.length })
              : t('list.countOf', { count: rows.length, total: order.length })}
          </span>
        </h1>
        {phone ? (
          <FilterSortButton query={query} shown={rows.length} onQueryChange={onQueryChange} />
        ) : (
          <>
            {selection.selected.size > 0 && (
              <ActionBar count={selection.selected.size} onCommand={onCommand} onClear={selection.clear} />
            )}
            <ColumnChooser layout={layout} />
          </>
        )}
      </div>
      {body}
      {/* Phones: the selection's commands along the bottom edge, else the floating Add button there. */}
      {phone &&
        (selection.selected.size > 0 ? (
          <PhoneActionBar
            count={selection.selected.size}
            total={rows.length}
            onCommand={onCommand}
            onSelectAll={selection.selectAll}
            onClear={selection.clear}
          />
        ) : (
          <AddFab onAdd={onAdd} />
        ))}
      <ListDialogs dialog={dialog} actions={actions} onClose={() => setDialog(null)} />
    </section>
  );
}
