package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static dev.bitquark.engine.SessionFixture.writeFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.LoopbackSwarm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer exchange (BEP 11) between bitquark engines on loopback: two leechers that each know only the
 * seeder meet through the seeder's {@code ut_pex} messages; a private torrent (BEP 27) and an engine
 * with PEX off never exchange peers. (PEX with libtorrent: {@code PexInteropTest}.)
 */
@LoopbackSwarm
class PeerExchangeTest {
    @TempDir
    Path work;

    private static final long UPLOAD_LIMIT = 64 * 1024; // keeps the leechers live long enough to meet

    @Test
    void twoLeechersThatKnowOnlyTheSeederMeetThroughItsPex() throws Exception {
        byte[] f0 = payload(2_000_000, 81);
        run(SessionFixture.multiFile("pex", 16384, f0), f0, new EngineConfig("127.0.0.1", 0, work.resolve("seed")), true);
    }

    @Test
    void aPrivateTorrentsPeersAreNeverExchanged() throws Exception {
        byte[] f0 = payload(2_000_000, 82);
        Metainfo meta = Metainfo.parse(TorrentWriter.multiFile("pex").pieceLength(16384).addFile(List.of("f0.bin"), f0)
                .setPrivate(true).write());
        run(meta, f0, new EngineConfig("127.0.0.1", 0, work.resolve("seed")), false);
    }

    @Test
    void withPexOffNothingIsExchanged() throws Exception {
        byte[] f0 = payload(2_000_000, 83);
        run(SessionFixture.multiFile("pex", 16384, f0), f0,
                new EngineConfig("127.0.0.1", 0, work.resolve("seed")).withPex(false), false);
    }

    private void run(Metainfo meta, byte[] f0, EngineConfig seedConfig, boolean expectMeeting) throws Exception {
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "pex", f0);
        try (EngineUnderTest seeder = new EngineUnderTest(seedConfig);
             EngineUnderTest b = new EngineUnderTest(work.resolve("b"));
             EngineUnderTest c = new EngineUnderTest(work.resolve("c"))) {
            await(seeder.engine.setRateLimits(0, UPLOAD_LIMIT));
            seed(seeder, meta, seedDir);
            TorrentHandle hb = await(b.engine.add(meta, TorrentOptions.defaults(work.resolve("b"))
                    .withInitialPeers(peersOf(seeder))));
            waitUntil("b connected to the seeder", () -> stats(hb).peersConnected() == 1);
            TorrentHandle hc = await(c.engine.add(meta, TorrentOptions.defaults(work.resolve("c"))
                    .withInitialPeers(peersOf(seeder))));
            waitUntil("c connected to the seeder", () -> stats(hc).peersConnected() >= 1);
            String bAddress = peersOf(b).get(0).getAddress().getHostAddress() + ":" + b.engine.peerPort();
            String cAddress = peersOf(c).get(0).getAddress().getHostAddress() + ":" + c.engine.peerPort();
            if (expectMeeting) {
                waitUntil("b and c meet through the seeder's PEX", () -> stats(hc).peersConnected() == 2);
                // Whichever dialed the other learned it only from PEX.
                boolean cDialedB = await(hc.peerStats()).stream().anyMatch(p -> p.address().equals(bAddress)
                        && p.source() == PeerOrigin.PEX);
                boolean bDialedC = await(hb.peerStats()).stream().anyMatch(p -> p.address().equals(cAddress)
                        && p.source() == PeerOrigin.PEX);
                assertTrue(cDialedB || bDialedC, "the connection between b and c came from PEX: "
                        + await(hc.peerStats()) + " / " + await(hb.peerStats()));
                TorrentStats s = stats(cDialedB ? hc : hb);
                assertEquals(1, s.peersBySource().get(PeerOrigin.PEX), "peers by source: " + s.peersBySource());
            } else {
                // The seeder's first PEX message would go out 2 s after the handshake; give it three times that.
                long until = System.nanoTime() + 6_000_000_000L;
                while (System.nanoTime() < until) {
                    assertEquals(1, stats(hc).peersConnected(), "c learned another peer");
                    Thread.sleep(100);
                }
                assertEquals(1, stats(hc).peersKnown(), "c knows only the seeder");
            }
        }
    }
}
