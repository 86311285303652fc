package dev.bitquark.engine;

import dev.bitquark.lsd.LsdAnnounce;
import dev.bitquark.lsd.LsdService;
import dev.bitquark.metainfo.InfoHash;
import java.util.Objects;

/**
 * Local service discovery (BEP 14) as a {@link PeerSource}: each torrent is announced on the local
 * network's multicast group with our peer port, and peers announcing it there are dialed.
 * Thread-safe: the service hops onto its own context.
 */
public final class LsdPeerSource implements PeerSource {
    private final LsdService lsd;

    public LsdPeerSource(LsdService lsd) {
        this.lsd = Objects.requireNonNull(lsd, "lsd");
    }

    @Override
    public PeerOrigin origin() {
        return PeerOrigin.LSD;
    }

    @Override
    public Lookup start(InfoHash infoHash, int port, Sink sink) {
        LsdAnnounce a = lsd.announce(infoHash.toBytes(), port, sink::found);
        return a::stop;
    }

    public LsdService service() {
        return lsd;
    }
}
