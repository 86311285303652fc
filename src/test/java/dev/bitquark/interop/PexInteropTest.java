package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.Payloads;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer exchange (BEP 11) with real libtorrent peers on 127.0.0.1, no tracker and no DHT: bitquark
 * learns a third peer only from a libtorrent peer's {@code ut_pex} messages, and a libtorrent peer
 * learns one only from bitquark's. The third peer runs libtorrent without its plugins (no
 * {@code ut_pex}), so it never learns anyone itself and every connection to it was dialed by the
 * side that heard of it through PEX.
 */
@Interop
class PexInteropTest {
    @TempDir
    static Path work;
    static Path seedDir;
    static Path torrent;
    static Path payload;

    @BeforeAll
    static void torrent() throws Exception {
        seedDir = work.resolve("seed");
        payload = Payloads.singleFile(seedDir, "pex", 6 << 20, 66);
        torrent = work.resolve("pex.torrent");
        LibtorrentPeer.makeTorrent(work, payload, torrent, 32768);
    }

    /**
     * libtorrent builds its PEX message once a minute per torrent (ut_pex.cpp) and sends every peer that
     * cached list, so the third peer is in it only from the second build, about a minute after the seeder
     * started; the seeder uploads slowly enough that both leechers are still downloading by then.
     */
    @Test
    void bitquarkLearnsAThirdPeerOnlyThroughLibtorrentsPex() throws Exception {
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), 100_000, torrent);
             LibtorrentPeer third = LibtorrentPeer.leechWith(work, work.resolve("third"), torrent.toString(),
                     List.of("--no-plugins", "--connect", seeder.address()));
             EngineUnderTest bq = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, work.resolve("bq")))) {
            TorrentHandle h = bq.add(torrent, work.resolve("bq"), List.of(new InetSocketAddress("127.0.0.1", seeder.port())));
            String thirdAddress = "127.0.0.1:" + third.port();
            long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
            PeerStats found = null;
            while (found == null && System.nanoTime() < deadline) {
                found = EngineUnderTest.await(h.peerStats(), Duration.ofSeconds(5)).stream()
                        .filter(p -> p.address().equals(thirdAddress)).findFirst().orElse(null);
                Thread.sleep(200);
            }
            assertTrue(found != null, "bitquark never connected to the third peer; peers: "
                    + EngineUnderTest.await(h.peerStats(), Duration.ofSeconds(5)) + "\n" + seeder.output());
            assertEquals(PeerOrigin.PEX, found.source(), "learned through PEX: " + found);
            assertTrue(found.outgoing(), "bitquark dialed it: " + found);
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(120));
            assertEquals(Payloads.sha1(payload), Payloads.sha1(work.resolve("bq").resolve("pex")), "byte-exact");
        }
    }

    @Test
    void libtorrentLearnsAThirdPeerOnlyThroughBitquarksPex() throws Exception {
        try (EngineUnderTest bq = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, seedDir))) {
            EngineUnderTest.await(bq.engine.setRateLimits(0, 150_000), Duration.ofSeconds(5));
            TorrentHandle h = bq.add(torrent, seedDir, List.of());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(60));
            try (LibtorrentPeer third = LibtorrentPeer.leechWith(work, work.resolve("third2"), torrent.toString(),
                         List.of("--no-plugins", "--connect", bq.address()));
                 LibtorrentPeer learner = LibtorrentPeer.leechWith(work, work.resolve("learner"), torrent.toString(),
                         List.of("--connect", bq.address(), "--print-peers"))) {
                int source = learner.awaitPeer("127.0.0.1:" + third.port(), Duration.ofSeconds(60));
                assertTrue((source & 4) != 0, "libtorrent learned the third peer through PEX: source bits " + source);
            }
        }
    }
}
