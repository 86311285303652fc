package dev.bitquark.engine.internal;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.storage.PieceStorage;
import java.util.Collection;

/**
 * The narrow views a torrent gives its parts (the seams of {@code engine/architecture}): each part
 * sees the few queries and callbacks it needs, not the torrent. Engine context.
 */
final class TorrentSides {
    private TorrentSides() {
    }

    /** The upload side's view of {@code t}. */
    static Uploads.Side uploads(Torrent t) {
        return new Uploads.Side() {
            @Override
            public boolean live() {
                return t.state == TorrentState.LIVE;
            }

            @Override
            public boolean complete() {
                return t.finished;
            }

            @Override
            public boolean hasPiece(int piece) {
                return t.picker.hasPiece(piece);
            }

            @Override
            public boolean validRequest(int piece, int begin, int length) {
                return t.geometry.isValidRequest(piece, begin, length);
            }

            @Override
            public Collection<PeerConnection> connections() {
                return t.swarm.connections();
            }

            @Override
            public PeerConnection connection(int key) {
                return t.swarm.connection(key);
            }

            @Override
            public PieceStorage storage() {
                return t.storage;
            }

            @Override
            public boolean mayUpload(PeerConnection c, int bytes, Runnable retry) {
                return t.limits.mayUpload(c, bytes, retry);
            }

            @Override
            public void uploaded(int bytes, long now) {
                t.upRate.add(bytes, now);
                t.uploadedTotal += bytes;
            }

            @Override
            public void failed(String reason) {
                t.lifecycle.fail(reason);
            }
        };
    }
}
