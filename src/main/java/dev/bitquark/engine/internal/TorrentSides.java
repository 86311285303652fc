package dev.bitquark.engine.internal;

import dev.bitquark.engine.TorrentState;
import dev.bitquark.storage.PieceStorage;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Set;

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
                return t.lifecycle().state() == TorrentState.LIVE;
            }

            @Override
            public boolean complete() {
                return t.downloads().isFinished();
            }

            @Override
            public boolean hasPiece(int piece) {
                return t.picker().hasPiece(piece);
            }

            @Override
            public boolean validRequest(int piece, int begin, int length) {
                return t.geometry().isValidRequest(piece, begin, length);
            }

            @Override
            public Collection<PeerConnection> connections() {
                return t.swarm().connections();
            }

            @Override
            public PeerConnection connection(int key) {
                return t.swarm().connection(key);
            }

            @Override
            public PieceStorage storage() {
                return t.storage();
            }

            @Override
            public boolean mayUpload(PeerConnection c, int bytes, Runnable retry) {
                return t.limits().mayUpload(c, bytes, retry);
            }

            @Override
            public void failed(String reason) {
                t.lifecycle().fail(reason);
            }
        };
    }

    /** The download side's view of {@code t}. */
    static Downloads.Side downloads(Torrent t) {
        return new Downloads.Side() {
            @Override
            public boolean live() {
                return t.lifecycle().state() == TorrentState.LIVE;
            }

            @Override
            public int run() {
                return t.lifecycle().epoch();
            }

            @Override
            public boolean isSelected(int index) {
                return t.selection().isSelected(index);
            }

            @Override
            public void received(PeerConnection c, int bytes) {
                t.limits().onReceived(c, bytes);
            }

            @Override
            public void pieceHad(int piece) {
                t.durable().pieceHad(piece);
                t.streams().pieceHad(piece);
            }

            @Override
            public void pieceWritten(int piece) {
                t.notifier().pieceWritten(piece);
            }

            @Override
            public Future<Boolean> flush() {
                return t.durable().flush();
            }

            @Override
            public void ban(Set<String> keys) {
                t.ban(keys);
            }

            @Override
            public void fail(String reason) {
                t.lifecycle().fail(reason);
            }

            @Override
            public void finished(boolean firstTime) {
                if (firstTime && t.announcer() != null) {
                    t.announcer().completed(); // BEP 3 event=completed, once
                }
                t.markFinished(firstTime);
            }

            @Override
            public void unfinished() {
                t.newFinishedPromise();
            }
        };
    }

    /** The durable set's view of {@code t}. */
    static DurableHave.Side durable(Torrent t) {
        return new DurableHave.Side() {
            @Override
            public void resumeDataChanged() {
                t.notifier().resumeDataChanged();
            }

            @Override
            public boolean live() {
                return t.lifecycle().state() == TorrentState.LIVE && !t.isRemoved();
            }

            @Override
            public void fail(String reason) {
                t.lifecycle().fail(reason);
            }
        };
    }

    /** The streams' view of {@code t}. */
    static Streams.Side streams(Torrent t) {
        return new Streams.Side() {
            @Override
            public boolean isSelected(int file) {
                return t.selection().isSelected(file);
            }

            @Override
            public TorrentState state() {
                return t.lifecycle().state();
            }

            @Override
            public String error() {
                return t.lifecycle().error();
            }

            @Override
            public boolean removed() {
                return t.isRemoved();
            }
        };
    }

    /** The file selection's view of {@code t}. */
    static FileSelection.Side selection(Torrent t) {
        return new FileSelection.Side() {
            @Override
            public void changed() {
                t.streams().selectionChanged();
                t.downloads().afterSelectionChanged();
                t.notifier().resumeDataChanged();
            }

            @Override
            public boolean checked() {
                return t.lifecycle().checked;
            }

            @Override
            public Future<Void> diskJob(String what, DiskJobs.StorageJob job) {
                return t.downloads().diskJob(what, job);
            }
        };
    }
}
