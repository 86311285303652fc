import type { components } from '../../api/schema';
import { call, torrentUrl, type FileDto } from '../add/addApi';

type S = components['schemas'];
export type PeerDto = S['PeerDto'];
export type TrackerDto = S['TrackerDto'];
export type { FileDto } from '../add/addApi';
export { getFiles, getPieces, resumeTorrent, setFilePriorities } from '../add/addApi';

export const getPeers = (id: string) => call<PeerDto[]>('GET', `${torrentUrl(id)}/peers`);
export const addPeers = (id: string, peers: readonly string[]) =>
  call<void>('POST', `${torrentUrl(id)}/peers`, { json: { peers: [...peers] } satisfies S['PeersRequest'] });
export const getTrackers = (id: string) => call<TrackerDto[]>('GET', `${torrentUrl(id)}/trackers`);
export const addTrackers = (id: string, urls: readonly string[]) =>
  call<TrackerDto[]>('POST', `${torrentUrl(id)}/trackers`, { json: { urls: [...urls] } satisfies S['TrackersRequest'] });
export const removeTrackers = (id: string, urls: readonly string[]) =>
  call<TrackerDto[]>('DELETE', `${torrentUrl(id)}/trackers?${urls.map((u) => `url=${encodeURIComponent(u)}`).join('&')}`);
export const reannounce = (id: string) => call<void>('POST', `${torrentUrl(id)}/reannounce`);
/**
 * Renames a file or a folder (every file under it) inside the torrent, both paths as the files list shows
 * them; answers the files as they are then. 404 when `path` is not in the torrent, 400 `bad_path`, 409
 * `rename_failed` (a file is already there); the server's message says which.
 */
export const renamePath = (id: string, path: string, newPath: string) =>
  call<FileDto[]>('POST', `${torrentUrl(id)}/rename`, { json: { path, newPath } satisfies S['RenameRequest'] });
/** Where a file streams from (Range requests; also while it downloads). */
export const streamUrl = (id: string, index: number) => `${torrentUrl(id)}/files/${index}/stream`;
