package dev.bitquark.engine;

import dev.bitquark.dht.DhtLookup;
import dev.bitquark.dht.DhtService;
import dev.bitquark.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The DHT (BEP 5) as a {@link PeerSource}: each torrent's lookup is a {@code get_peers} search that
 * announces our peer port to the closest nodes and repeats (sooner while the swarm has few peers);
 * the engine sends our {@link #dhtPort()} to peers and passes theirs on ({@link #dhtNode}).
 * Thread-safe: the service hops onto its own context.
 */
public final class DhtPeerSource implements PeerSource {
    private final DhtService dht;

    public DhtPeerSource(DhtService dht) {
        this.dht = Objects.requireNonNull(dht, "dht");
    }

    @Override
    public PeerOrigin origin() {
        return PeerOrigin.DHT;
    }

    @Override
    public Lookup start(InfoHash infoHash, int port, Sink sink) {
        // port 0: the engine does not know its listen port, so let nodes use our DHT packets' source port (BEP 5
        // implied_port), which is right when both share a number, as by default.
        DhtLookup l = dht.getPeers(infoHash.toBytes(), port, port <= 0, sink::found);
        return new Lookup() {
            @Override
            public void stop() {
                l.stop();
            }

            @Override
            public void fewPeers(boolean few) {
                l.wantMore(few);
            }
        };
    }

    @Override
    public int dhtPort() {
        return dht.port();
    }

    @Override
    public void dhtNode(InetSocketAddress node) {
        dht.addNode(node);
    }

    public DhtService service() {
        return dht;
    }
}
