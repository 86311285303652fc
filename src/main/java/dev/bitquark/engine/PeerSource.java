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

    /**
     * BEP 5: the UDP port of our DHT node if this source is one, else 0. With a DHT source the engine sets the
     * handshake's DHT bit and sends every peer that sets it too a {@code port} message.
     */
    default int dhtPort() {
        return 0;
    }

    /**
     * BEP 5: a peer's {@code port} message says its DHT node listens at {@code node} (the peer's IP, that port); a
     * DHT source pings it and adds it to its routing table if it answers. Called on the engine context.
     */
    default void dhtNode(InetSocketAddress node) {
    }

    /** Where a lookup reports peers. */
    @FunctionalInterface
    interface Sink {
        void found(List<InetSocketAddress> peers);
    }

    /** A running lookup. */
    @FunctionalInterface
    interface Lookup {
        void stop();

        /**
         * The swarm's periodic hint: {@code true} while it has few connections and still wants more, so a source
         * that looks again now and then (the DHT) may look sooner. Called on the engine context.
         */
        default void fewPeers(boolean few) {
        }
    }
}
