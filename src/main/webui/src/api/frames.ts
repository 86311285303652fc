import type { components } from './schema';

type S = components['schemas'];

/*
 * The frames of /api/v1/events, as generated from the server's OpenAPI schemas (Frames.java), under
 * the names the rest of the UI uses.
 */

/** The session's ↓/↑ rates of the last 10 minutes at ~1 Hz, oldest first; the lists have one length. */
export type SpeedHistory = S['SpeedHistory'];
/** Something a user is told about (the notification centre keeps the last 100). */
export type EventEntry = S['EventEntry'];
export type EventKind = EventEntry['kind'];
export type Topic = S['Topic'];

export type HelloFrame = S['HelloFrame'];
/**
 * `history` and `events` are optional here although the schema requires them: a server from before
 * they existed may still answer, and the store then keeps its own history and events.
 */
export type SnapshotFrame = Omit<S['SnapshotFrame'], 'history' | 'events'> & {
  history?: SpeedHistory;
  events?: EventEntry[];
};
export type UpdateFrame = S['UpdateFrame'];
export type HeartbeatFrame = S['HeartbeatFrame'];
export type PeersFrame = S['PeersFrame'];
export type FilesFrame = S['FilesFrame'];
export type TrackersFrame = S['TrackersFrame'];
export type PiecesFrame = S['PiecesFrame'];
export type EventFrame = S['EventFrame'];
export type ErrorFrame = S['ErrorFrame'];

/** Every frame the server may push over `/api/v1/events` that this UI understands. */
export type ServerFrame =
  | HelloFrame
  | SnapshotFrame
  | UpdateFrame
  | HeartbeatFrame
  | PeersFrame
  | FilesFrame
  | TrackersFrame
  | PiecesFrame
  | EventFrame
  | ErrorFrame;

/**
 * Messages this UI sends. `subscribe` is written with `topics` only: the schema also lists the
 * older `peers` flag as required, but the server reads it only when `topics` is absent.
 */
export type ClientFrame =
  | { type: 'subscribe'; torrent: string; topics: Topic[] }
  | S['UnsubscribeFrame']
  | S['ResyncFrame']
  | S['VisibilityFrame'];
