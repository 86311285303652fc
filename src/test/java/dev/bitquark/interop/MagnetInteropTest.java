package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.EngineListener;
import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Magnet links against a real libtorrent seeder (BEP 9 {@code ut_metadata} over BEP 10): the info
 * dictionary is fetched and verified, the same handle becomes a normal torrent and the download is
 * byte-exact; the seeder is found through the magnet's {@code x.pe} or through a real opentracker
 * named by its {@code tr}. A libtorrent leecher given only a magnet fetches the metadata from us.
 */
@Interop
class MagnetInteropTest {
    @TempDir
    static Path work;
    static OpenTracker tracker;
    static Path seedDir;
    static Path payload;
    static Map<String, String> expected;
    static Path torrent;
    static Metainfo meta;

    @BeforeAll
    static void setUp() throws Exception {
        seedDir = work.resolve("seed");
        // Many small pieces make an info dictionary of several 16 KiB metadata pieces.
        payload = Payloads.multiFile(seedDir, "magnet-multi", 60, 9, 1_000_000);
        expected = Payloads.sha1Tree(payload);
        tracker = OpenTracker.start(work);
        torrent = work.resolve("magnet.torrent");
        tracker.allow(LibtorrentPeer.makeTorrent(work, payload, torrent, 16384, tracker.httpAnnounceUrl()));
        meta = Metainfo.parse(Files.readAllBytes(torrent));
        assertTrue(meta.rawInfoLength() > 16384, "metadata spans several pieces: " + meta.rawInfoLength());
    }

    @AfterAll
    static void tearDown() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** Records the listener's events, in order. */
    static final class Events implements EngineListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile Metainfo received;

        @Override
        public void stateChanged(InfoHash torrent, TorrentState state, String error) {
            log.add(state.name());
        }

        @Override
        public void metadataReceived(InfoHash torrent, Metainfo metainfo) {
            log.add("metadata");
            received = metainfo;
        }
    }

    private void fetchAndDownload(String magnetUri, String label) throws Exception {
        Path out = work.resolve("dl-" + label);
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent);
             EngineUnderTest bq = new EngineUnderTest(out)) {
            Events events = new Events();
            EngineUnderTest.await(bq.engine.setListener(events), Duration.ofSeconds(5));
            Magnet magnet = Magnet.parse(magnetUri.replace("SEEDER", seeder.address()));
            TorrentHandle h = EngineUnderTest.await(bq.engine.addMagnet(magnet, TorrentOptions.defaults(out)),
                    Duration.ofSeconds(10));
            assertEquals(meta.infoHash(), h.infoHash());
            EngineUnderTest.await(h.whenMetadata(), Duration.ofSeconds(60));
            assertEquals(meta.infoHash(), h.metainfo().infoHash());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(90));
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertTrue(s.finished(), s.toString());
            assertEquals(expected, Payloads.sha1Tree(out.resolve("magnet-multi")), "payload must be byte-exact");
            assertEquals(List.of("METADATA", "metadata", "CHECKING", "LIVE"), events.log.subList(0, 4));
            assertArrayEquals(meta.rawInfo(), events.received.rawInfo(), "the verified info dictionary");
            MetadataProgress progress = EngineUnderTest.await(h.metadataProgress(), Duration.ofSeconds(5));
            assertTrue(progress.complete());
            assertEquals(meta.rawInfoLength(), progress.metadataSize());
        }
    }

    @Test
    void fetchesMetadataFromLibtorrentNamedByXpeAndDownloadsByteExact() throws Exception {
        fetchAndDownload("magnet:?xt=urn:btih:" + meta.infoHash().toHex() + "&dn=magnet-multi&x.pe=SEEDER", "xpe");
    }

    @Test
    void findsLibtorrentThroughTheMagnetsTrackerAndDownloadsByteExact() throws Exception {
        String tr = java.net.URLEncoder.encode(tracker.httpAnnounceUrl(), java.nio.charset.StandardCharsets.UTF_8);
        fetchAndDownload("magnet:?xt=urn:btih:" + meta.infoHash().toHex() + "&tr=" + tr, "tracker");
    }

    @Test
    void pausedMagnetFetchesNothingUntilResumed() throws Exception {
        Path out = work.resolve("dl-paused");
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent);
             EngineUnderTest bq = new EngineUnderTest(out)) {
            Magnet magnet = Magnet.parse("magnet:?xt=urn:btih:" + meta.infoHash().toHex() + "&x.pe=" + seeder.address());
            TorrentHandle h = EngineUnderTest.await(bq.engine.addMagnet(magnet, TorrentOptions.defaults(out), true),
                    Duration.ofSeconds(10));
            Thread.sleep(1500);
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertEquals(TorrentState.PAUSED, s.state());
            assertEquals(0, s.peersConnected());
            assertFalse(h.hasMetadata());
            assertNull(h.metainfo());
            assertTrue(EngineUnderTest.await(h.fileStats(), Duration.ofSeconds(5)).isEmpty());
            EngineUnderTest.await(h.resume(), Duration.ofSeconds(5));
            EngineUnderTest.await(h.whenMetadata(), Duration.ofSeconds(60));
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(90));
            assertEquals(expected, Payloads.sha1Tree(out.resolve("magnet-multi")));
        }
    }

    @Test
    void libtorrentLeecherWithOnlyAMagnetFetchesTheMetadataFromUs() throws Exception {
        try (EngineUnderTest bq = new EngineUnderTest(seedDir)) {
            TorrentHandle h = bq.add(torrent, seedDir, List.of());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(60));
            Path out = work.resolve("lt-magnet");
            Files.createDirectories(out);
            String uri = "magnet:?xt=urn:btih:" + meta.infoHash().toHex();
            try (LibtorrentPeer leecher = LibtorrentPeer.leechMagnet(work, out, List.of(bq.address()), uri)) {
                leecher.awaitDone(Duration.ofSeconds(90));
            }
            assertEquals(expected, Payloads.sha1Tree(out.resolve("magnet-multi")));
        }
    }
}
