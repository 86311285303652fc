package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineListener;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.InfoHash;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one torrent's events to the engine's {@link EngineListener}, on the engine context. A
 * listener that throws is logged and otherwise ignored: it must not break the torrent.
 */
final class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

    private final EngineRuntime rt;
    private final InfoHash infoHash;
    /** Events sent so far, and moves: a change of it may change the torrent's stats ({@link QuietStats}). */
    private long changes;

    Notifier(EngineRuntime rt, InfoHash infoHash) {
        this.rt = rt;
        this.infoHash = infoHash;
    }

    void stateChanged(TorrentState state, String error) {
        run(l -> l.stateChanged(infoHash, state, error));
    }

    void resumeDataChanged() {
        run(l -> l.resumeDataChanged(infoHash));
    }

    void pieceWritten(int piece) {
        run(l -> l.pieceWritten(infoHash, piece));
    }

    void metadataReceived(dev.bitquark.metainfo.Metainfo meta) {
        run(l -> l.metadataReceived(infoHash, meta));
    }

    void finished() {
        run(l -> l.finished(infoHash));
    }

    void removed() {
        run(l -> l.removed(infoHash));
    }

    long changes() {
        return changes;
    }

    /** Something shown in the stats changed without an event (the storage moved). */
    void touch() {
        changes++;
    }

    private void run(java.util.function.Consumer<EngineListener> call) {
        changes++;
        try {
            call.accept(rt.listener());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "engine listener failed", e);
        }
    }
}
