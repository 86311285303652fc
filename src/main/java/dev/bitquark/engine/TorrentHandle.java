package dev.bitquark.engine;

import dev.bitquark.engine.internal.PeerBook;
import dev.bitquark.engine.internal.Torrent;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * A torrent in the engine, seen from outside. Thread-safe: every call hops onto the engine context
 * and returns a {@link Future} completed there. Holds no torrent state itself.
 */
public final class TorrentHandle {
    private final Context context;
    private final Torrent torrent;

    TorrentHandle(Context context, Torrent torrent) {
        this.context = context;
        this.torrent = torrent;
    }

    public InfoHash infoHash() {
        return torrent.metainfo().infoHash();
    }

    /** The torrent's metainfo (immutable). */
    public Metainfo metainfo() {
        return torrent.metainfo();
    }

    public Future<TorrentStats> stats() {
        return call(torrent::stats);
    }

    public Future<Void> pause() {
        return callF(torrent::pause);
    }

    public Future<Void> resume() {
        return call(() -> {
            torrent.start();
            return null;
        });
    }

    /** Dials these peers (e.g. given on the command line) besides those the trackers return. */
    public Future<Void> addPeers(List<InetSocketAddress> peers) {
        return call(() -> {
            torrent.addPeers(peers, PeerBook.Source.USER);
            return null;
        });
    }

    /** Peers banned for sending corrupt data (ban keys: IP, or IP:port on loopback), sorted. */
    public Future<List<String>> bannedPeers() {
        return call(() -> torrent.bannedPeers());
    }

    /** Completes once every selected piece is verified and flushed to disk. */
    public Future<Void> whenFinished() {
        return callF(torrent::whenFinished);
    }

    Torrent torrent() {
        return torrent;
    }

    private <T> Future<T> call(Supplier<T> action) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                p.complete(action.get());
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    private <T> Future<T> callF(Supplier<Future<T>> action) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(p);
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }
}
