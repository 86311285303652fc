import { useEffect, useState } from 'react';
import type { FilesFrame, PeersFrame, PiecesFrame, Topic, TrackersFrame } from '../../api/frames';
import { useApp } from '../../context';
import { errorText } from '../add/addApi';

interface FrameOf {
  peers: PeersFrame;
  files: FilesFrame;
  trackers: TrackersFrame;
  pieces: PiecesFrame;
}

export interface TopicData<T> {
  readonly data: T | null;
  readonly error: string | null;
  /** Optimistic local change; the next frame replaces it with the server's state. */
  readonly set: (data: T) => void;
}

/**
 * Follows one topic of a torrent while mounted: subscribes through the EventsClient (which re-sends
 * it after a reconnect and releases it on unmount), keeps the latest frame, and loads the current
 * state by REST at once so the tab is not empty until the next frame. A frame beats a slower REST
 * answer: it is newer.
 */
export function useTopic<K extends Topic, T>(
  torrentId: string,
  topic: K,
  load: (id: string) => Promise<T>,
  fromFrame: (frame: FrameOf[K]) => T,
): TopicData<T> {
  const { events } = useApp();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let framed = false;
    setData(null);
    setError(null);
    const release = events.subscribe(torrentId, [topic]);
    const off = events.onEvent((event) => {
      if (event.type !== topic || !('torrent' in event) || event.torrent !== torrentId) return;
      framed = true;
      setData(fromFrame(event as FrameOf[K]));
      setError(null);
    });
    load(torrentId).then(
      (loaded) => live && !framed && setData(loaded),
      (failure: unknown) => live && !framed && setError(errorText(failure)),
    );
    return () => {
      live = false;
      off();
      release();
    };
    // load and fromFrame are module functions; a new torrent or topic starts over.
  }, [events, torrentId, topic]);
  return { data, error, set: setData };
}
