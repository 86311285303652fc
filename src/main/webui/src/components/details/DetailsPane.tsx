import { Pencil, X } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTorrent } from '../../store/live';
import { TorrentRenameDialog } from '../list/dialogs/TorrentRenameDialog';
import { FilesTab } from './FilesTab';
import { OverviewTab } from './OverviewTab';
import { PeersTab } from './PeersTab';
import { PiecesTab } from './PiecesTab';
import { SpeedTab } from './SpeedTab';
import { dt } from './strings';
import { TrackersTab } from './TrackersTab';
import { useSpeedSamples } from './useSpeedSamples';
import './details.css';
import '../add/add.css';
import { getPrefs } from '../../prefs/prefs';

export const DETAIL_TABS = ['overview', 'files', 'peers', 'trackers', 'pieces', 'speed'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export interface DetailsPaneProps {
  readonly torrentId: string;
  /** The tab in the URL; null, undefined or unknown shows the overview. */
  readonly tab: string | null | undefined;
  readonly onTabChange: (tab: string) => void;
  readonly onClose: () => void;
  /** Shows the torrent before (-1) or after (+1) this one in the list as it is filtered and sorted. */
  readonly onStep?: (delta: -1 | 1) => void;
}

const isTab = (tab: unknown): tab is DetailTab => (DETAIL_TABS as readonly unknown[]).includes(tab);

/** Whether a key press belongs to a field or a dialog, where 1–6 are text, not shortcuts. */
function typingOrInDialog(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return true;
  return document.querySelector('[role="dialog"]') !== null;
}

/**
 * One torrent's details: six tabs over the live row from the store plus, for the open tab only,
 * the server's topic frames (each tab subscribes while mounted; Radix unmounts hidden tabs, so
 * switching or closing ends the subscription). Keys 1–6 switch tabs, [ and ] step to the previous or
 * next torrent, and Esc closes the pane, outside fields and dialogs. The pencil by the name renames it.
 */
export function DetailsPane({ torrentId, tab, onTabChange, onClose, onStep }: DetailsPaneProps) {
  const torrent = useTorrent(torrentId);
  const samples = useSpeedSamples(torrentId);
  const current: DetailTab = isTab(tab) ? tab : 'overview';
  const [renaming, setRenaming] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingOrInDialog(e.target)) return;
      if (e.key === 'Escape') {
        // Esc closes the pane (the list may also clear its selection with the same key).
        onClose();
        return;
      }
      // 1–6 are single-key shortcuts: off with the user's switch (WCAG 2.1.4); Esc is not one.
      if (e.defaultPrevented || !getPrefs().singleKeyShortcuts) return;
      if ((e.key === '[' || e.key === ']') && onStep) {
        e.preventDefault();
        onStep(e.key === '[' ? -1 : 1);
        return;
      }
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1 || n > DETAIL_TABS.length) return;
      e.preventDefault();
      onTabChange(DETAIL_TABS[n - 1]!);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onTabChange, onClose, onStep]);

  const name = torrent?.name ?? torrentId;
  return (
    <div className="details" aria-label={dt('detailsPane.label', { name })} role="region">
      <div className="details__header">
        <h2 className="details__title" dir="auto" title={name}>
          {name}
        </h2>
        {torrent !== undefined && (
          <button type="button" className="icon-button" aria-label={dt('detailsPane.renameTorrent')} title={dt('command.rename')}
            onClick={() => setRenaming(true)}>
            <Pencil size={16} aria-hidden="true" />
          </button>
        )}
        <button type="button" className="icon-button" aria-label={dt('detailsPane.close')} onClick={onClose}>
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      {torrent === undefined ? (
        <p role="status">{dt('detailsPane.missing')}</p>
      ) : (
        <Tabs.Root value={current} onValueChange={onTabChange} className="details__tabs" activationMode="manual">
          <Tabs.List aria-label={dt('detailsPane.tabs')} className="details__tablist">
            {DETAIL_TABS.map((key, i) => (
              <Tabs.Trigger key={key} value={key} className="details__tab" title={`${dt(`detailsPane.tab.${key}`)} (${i + 1})`}>
                {dt(`detailsPane.tab.${key}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content value="overview" className="details__panel">
            <OverviewTab torrent={torrent} samples={samples} />
          </Tabs.Content>
          <Tabs.Content value="files" className="details__panel">
            <FilesTab torrentId={torrentId} />
          </Tabs.Content>
          <Tabs.Content value="peers" className="details__panel">
            <PeersTab torrentId={torrentId} />
          </Tabs.Content>
          <Tabs.Content value="trackers" className="details__panel">
            <TrackersTab torrentId={torrentId} />
          </Tabs.Content>
          <Tabs.Content value="pieces" className="details__panel">
            <PiecesTab torrentId={torrentId} />
          </Tabs.Content>
          <Tabs.Content value="speed" className="details__panel">
            <SpeedTab samples={samples} />
          </Tabs.Content>
        </Tabs.Root>
      )}
      {renaming && torrent !== undefined && (
        <TorrentRenameDialog key={torrentId} torrent={torrent} onClose={() => setRenaming(false)} />
      )}
    </div>
  );
}
