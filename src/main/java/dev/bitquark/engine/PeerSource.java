package dev.bitquark.engine;

import dev.bitquark.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A way of finding a torrent's peers besides its trackers, plugged into the engine with
 * {@link EngineConfig#withPeerSource}: the DHT (BEP 5), local service discovery (BEP 14), or any other
 * lookup. Every torrent's swarm starts a lookup while it wants peers (fetching metadata, or live)
 * and stops it when it stops; what the lookup finds goes into the swarm's peer book with
 * {@link #origin()}, and is dialed like any tracker's peer. A private torrent (BEP 27) never asks a
 * source other than its trackers.
 *
 * <p>{@link #start} and {@link Lookup#stop} are called on the engine context and must not block;
 * {@link Sink#found} may be called from any thread (the engine hops onto its context).
 */
public interface PeerSource {
    /** The origin recorded for the peers this source finds. */
    PeerOrigin origin();

    /**
     * Starts looking for peers of {@code infoHash}; {@code port}: where we accept peers (to announce, if the source
     * announces). Returns the running lookup.
     */
    Lookup start(InfoHash infoHash, int port, Sink sink);

    /** Where a lookup reports peers. */
    @FunctionalInterface
    interface Sink {
        void found(List<InetSocketAddress> peers);
    }

    /** A running lookup. */
    @FunctionalInterface
    interface Lookup {
        void stop();
    }
}
