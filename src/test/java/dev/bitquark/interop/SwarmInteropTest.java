package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.SessionStats;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentStats;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.LibtorrentPeer;

/**
 * bitquark downloads from three seeders at once: two real libtorrent seeders and one that corrupts
 * every block it sends. The payload must come out byte-exact and the corrupting peer must be banned
 * (smart ban), while the honest seeders keep serving.
 */
@Interop
class SwarmInteropTest {
    @TempDir
    Path work;

    @Test
    void downloadsCorrectlyFromThreeSeedersAndBansTheCorruptOne() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.singleFile(seedDir, "big.bin", 24L << 20, 99);
        Path torrent = work.resolve("big.torrent");
        try (OpenTracker tracker = OpenTracker.start(work)) {
            String ih = LibtorrentPeer.makeTorrent(work, payload, torrent, 256 * 1024, tracker.httpAnnounceUrl());
            tracker.allow(ih);
            try (LibtorrentPeer a = LibtorrentPeer.seed(work, seedDir, List.of(), torrent);
                 LibtorrentPeer b = LibtorrentPeer.seed(work, seedDir, List.of(), torrent);
                 CorruptSeeder evil = CorruptSeeder.start(work, seedDir, torrent, tracker.httpAnnounceUrl())) {
                Path out = work.resolve("out");
                try (EngineUnderTest bq = new EngineUnderTest(out)) {
                    // Dial the corrupt seeder first so it surely contributes blocks.
                    TorrentHandle h = bq.add(torrent, out, List.of(new InetSocketAddress("127.0.0.1", evil.port())));
                    EngineUnderTest.awaitFinished(h, Duration.ofSeconds(120));
                    TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
                    assertTrue(evil.blocksSent() > 0 || s.wastedTotal() > 0, "the corrupt seeder took part: " + s);
                    assertTrue(s.wastedTotal() > 0, "corrupt pieces were detected and discarded: " + s);
                    List<String> banned = EngineUnderTest.await(h.bannedPeers(), Duration.ofSeconds(5));
                    assertEquals(List.of(evil.address()), banned, "exactly the corrupt seeder is banned");
                    SessionStats session = EngineUnderTest.await(bq.engine.sessionStats(), Duration.ofSeconds(5));
                    assertTrue(session.hashFailures() > 0, "hash failures are counted for the session: " + session);
                    assertTrue(session.announcesOk() > 0, "announces to the tracker are counted: " + session);
                }
                assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(out.resolve("big.bin")));
            }
        }
    }
}
