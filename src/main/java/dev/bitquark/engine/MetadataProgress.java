package dev.bitquark.engine;

import java.util.List;

/**
 * How far fetching the metadata of a magnet link has come (BEP 9). Immutable snapshot, taken on
 * the engine context. For a torrent that has its metadata: {@code complete} and the size of its
 * info dictionary.
 *
 * @param metadataSize size of the info dictionary being assembled (as claimed by the peers we fetch
 *                     from), 0 while no peer with metadata is connected
 * @param piecesHave 16 KiB metadata pieces received in the current attempt
 * @param piecesTotal metadata pieces of the current attempt, 0 if none
 * @param peersWithMetadata connected peers that offer {@code ut_metadata} with a usable size
 * @param complete the info dictionary is verified; the torrent has its metadata
 * @param paused paused by the user (kept across restarts by the session)
 * @param problems the latest problems with peers, oldest first: refused sizes, rejects, timeouts,
 *                 SHA-1 mismatches (at most 20)
 */
public record MetadataProgress(int metadataSize, int piecesHave, int piecesTotal, int peersWithMetadata,
                               boolean complete, boolean paused, List<String> problems) {
    public MetadataProgress {
        problems = List.copyOf(problems);
    }
}
