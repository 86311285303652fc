import { useStore } from 'zustand';
import type { EventEntry, SpeedHistory } from '../api/frames';
import type { SessionStatsDto, TorrentDto } from '../api/types';
import { useApp } from '../context';
import type { LabelCounts } from './labelCounts';
import type { FilterCounts, LiveState } from './reduce';

/**
 * Hooks over the app's live store (from {@link useApp}). Each selects one stable reference, so a
 * component re-renders only when that reference changes: `useTorrent(id)` only when that torrent's
 * object was replaced, not when any other torrent changed.
 */
export function useLiveSelector<T>(selector: (state: LiveState) => T): T {
  return useStore(useApp().store, selector);
}

export const useTorrent = (id: string): TorrentDto | undefined => useLiveSelector((s) => s.torrents.get(id));
export const useTorrentIds = (): readonly string[] => useLiveSelector((s) => s.order);
export const useFilterCounts = (): FilterCounts => useLiveSelector((s) => s.counts);
export const useLabelCounts = (): LabelCounts => useLiveSelector((s) => s.labelCounts);
export const useLiveVersion = (): number => useLiveSelector((s) => s.version);
export const useSession = (): SessionStatsDto | null => useLiveSelector((s) => s.session);
export const useHistory = (): SpeedHistory => useLiveSelector((s) => s.history);
export const useLiveEvents = (): readonly EventEntry[] => useLiveSelector((s) => s.events);
