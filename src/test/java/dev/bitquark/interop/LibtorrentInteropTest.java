package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.LibtorrentPeer;

/**
 * bitquark against a real libtorrent (Debian python3-libtorrent) through a real opentracker:
 * downloads a 21-file torrent (empty files, files smaller than a piece and than a block) over the
 * HTTP and the UDP tracker, byte-exact, and seeds to a libtorrent leecher.
 */
@Interop
class LibtorrentInteropTest {
    @TempDir
    static Path work;
    static OpenTracker tracker;
    static Path seedDir;
    static Path payload;
    static Map<String, String> expected;

    @BeforeAll
    static void startTracker() throws Exception {
        seedDir = work.resolve("seed");
        payload = Payloads.multiFile(seedDir, "multi", 21, 42, 600_000);
        expected = Payloads.sha1Tree(payload);
        tracker = OpenTracker.start(work);
    }

    @AfterAll
    static void stopTracker() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private Path torrent(String name, String announce) throws Exception {
        Path t = work.resolve(name + ".torrent");
        String ih = LibtorrentPeer.makeTorrent(work, payload, t, 32768, announce);
        tracker.allow(ih);
        return t;
    }

    private void downloadThroughTracker(String announce, String label) throws Exception {
        Path torrent = torrent(label, announce);
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent);
             EngineUnderTest bq = new EngineUnderTest(work.resolve("dl-" + label))) {
            Path out = work.resolve("dl-" + label);
            TorrentHandle h = bq.add(torrent, out, List.of());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(90));
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertTrue(s.finished());
            assertEquals(expected, Payloads.sha1Tree(out.resolve("multi")), "payload must be byte-exact");
        }
    }

    @Test
    void downloadsMultiFileTorrentFromLibtorrentViaHttpTracker() throws Exception {
        downloadThroughTracker(tracker.httpAnnounceUrl(), "http");
    }

    @Test
    void downloadsMultiFileTorrentFromLibtorrentViaUdpTracker() throws Exception {
        downloadThroughTracker(tracker.udpAnnounceUrl(), "udp");
    }

    @Test
    void libtorrentLeecherDownloadsWhatBitquarkSeeds() throws Exception {
        Path torrent = torrent("seeding", tracker.httpAnnounceUrl());
        try (EngineUnderTest bq = new EngineUnderTest(seedDir)) {
            TorrentHandle h = bq.add(torrent, seedDir, List.of());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(60)); // the check finds every piece
            Path out = work.resolve("lt-leech");
            Files.createDirectories(out);
            try (LibtorrentPeer leecher = LibtorrentPeer.leech(work, out, List.of(bq.address()), torrent)) {
                leecher.awaitDone(Duration.ofSeconds(90));
            }
            assertEquals(expected, Payloads.sha1Tree(out.resolve("multi")));
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertTrue(s.uploadedTotal() > 0, "bitquark uploaded: " + s);
        }
    }

    /**
     * libtorrent with encryption forced opens with MSE and never retries in plain text, so this download
     * happens only if bitquark answers the MSE handshake (selecting plain text, which libtorrent offers).
     */
    @Test
    void libtorrentLeecherThatForcesEncryptionDownloadsWhatBitquarkSeeds() throws Exception {
        Path torrent = torrent("seeding-mse", tracker.httpAnnounceUrl());
        try (EngineUnderTest bq = new EngineUnderTest(seedDir)) {
            TorrentHandle h = bq.add(torrent, seedDir, List.of());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(60));
            Path out = work.resolve("lt-leech-mse");
            Files.createDirectories(out);
            try (LibtorrentPeer leecher = LibtorrentPeer.leechWith(work, out, torrent.toString(),
                    List.of("--connect", bq.address(), "--encryption", "forced"))) {
                leecher.awaitDone(Duration.ofSeconds(90));
            }
            assertEquals(expected, Payloads.sha1Tree(out.resolve("multi")));
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertTrue(s.uploadedTotal() > 0, "bitquark uploaded: " + s);
        }
    }
}
