package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.cli.RootCommand;
import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.lsd.LsdSettings;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.LibtorrentDht;
import dev.bitquark.testkit.LibtorrentPeer;
import dev.bitquark.testkit.Payloads;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trackerless operation (BEP 5) against a local DHT network of real libtorrent sessions on 127.0.0.1:
 * bitquark, given only a magnet link (no {@code tr=}, no {@code x.pe=}) and one bootstrap node that is
 * not the seeder, finds the seeder through the DHT, fetches the metadata (BEP 9) and downloads
 * byte-exact — with the {@code download} command and with the engine the server runs; and libtorrent,
 * given only a magnet and bitquark's DHT node, finds bitquark's seed. The times to metadata and to
 * completion are printed as {@code FIGURE} lines.
 */
@Interop
class DhtInteropTest {
    @TempDir
    static Path work;
    static Path seedDir;
    static Path payload;
    static Path torrent;
    static String infoHash;
    static Map<String, String> expected;

    @BeforeAll
    static void trackerlessTorrent() throws Exception {
        seedDir = work.resolve("seed");
        payload = Payloads.multiFile(seedDir, "dht", 6, 55, 1_000_000);
        torrent = work.resolve("dht.torrent");
        infoHash = LibtorrentPeer.makeTorrent(work, payload, torrent, 65536); // no trackers
        expected = Payloads.sha1Tree(payload);
    }

    private static Discovery.Settings dhtOnly(List<String> bootstrap) {
        return new Discovery.Settings(true, "127.0.0.1", 0, bootstrap, null, true, false, LsdSettings.defaults());
    }

    @Test
    void downloadCommandGivenOnlyAMagnetFindsTheSeedThroughTheDht() throws Exception {
        try (LibtorrentDht net = LibtorrentDht.start(work, 4, seedDir, torrent)) {
            Path out = work.resolve("cli-out");
            PrintStream old = System.err;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            int code;
            try {
                code = RootCommand.commandLine().execute("download", "magnet:?xt=urn:btih:" + infoHash,
                        "--output", out.toString(), "--bind", "127.0.0.1", "--exit-on-finish",
                        "--dht-bootstrap", net.node(0), "--dht-state", "none", "--no-lsd", "--metadata-timeout", "120");
            } finally {
                System.setErr(old);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String err = buf.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, err + "\n--- libtorrent DHT ---\n" + net.output());
            assertEquals(expected, Payloads.sha1Tree(out.resolve("dht")), "payload must be byte-exact");
            System.out.println("FIGURE dht magnet-only download command: complete in " + ms + " ms (JVM warm, "
                    + "6 files, " + Payloads.sha1Tree(payload).size() + " files hashed)");
        }
    }

    @Test
    void engineGivenOnlyAMagnetFindsTheSeedThroughTheDhtAndAnnouncesItself() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LibtorrentDht net = LibtorrentDht.start(work, 4, seedDir, torrent)) {
            Discovery d = EngineUnderTest.await(Discovery.start(vertx, dhtOnly(List.of(net.node(0)))),
                    Duration.ofSeconds(10));
            Path out = work.resolve("engine-out");
            try (EngineUnderTest bq = new EngineUnderTest(d.apply(new EngineConfig("127.0.0.1", 0, out)))) {
                long t0 = System.nanoTime();
                TorrentHandle h = EngineUnderTest.await(bq.engine.addMagnet(
                        Magnet.parse("magnet:?xt=urn:btih:" + infoHash), TorrentOptions.defaults(out)),
                        Duration.ofSeconds(5));
                EngineUnderTest.await(h.whenMetadata(), Duration.ofSeconds(90));
                long metadataMs = (System.nanoTime() - t0) / 1_000_000;
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(90));
                long doneMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(expected, Payloads.sha1Tree(out.resolve("dht")), "payload must be byte-exact");
                // No tracker, no peer given: the DHT was the only way to the seeder (whose connection may be gone
                // by now: two seeds have nothing for each other).
                TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
                assertEquals(TorrentState.LIVE, s.state());
                // Our own announce (BEP 5 announce_peer with a token) reaches the libtorrent nodes.
                net.awaitAnnounce(infoHash, "127.0.0.1:" + bq.engine.peerPort(), Duration.ofSeconds(60));
                var st = EngineUnderTest.await(d.dht().stats(), Duration.ofSeconds(5));
                assertTrue(st.goodNodes() >= 3, "the routing table holds the libtorrent nodes: " + st);
                System.out.println("FIGURE dht magnet-only engine: metadata in " + metadataMs + " ms, complete in "
                        + doneMs + " ms (" + Payloads.sha1Tree(payload).size() + " files)");
            } finally {
                EngineUnderTest.await(d.close(), Duration.ofSeconds(10));
            }
        } finally {
            vertx.close();
        }
    }

    @Test
    void libtorrentGivenOnlyAMagnetFindsBitquarksSeedThroughBitquarksNode() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LibtorrentDht net = LibtorrentDht.start(work, 3, null, null)) {
            Discovery d = EngineUnderTest.await(Discovery.start(vertx, dhtOnly(List.of(net.node(0)))),
                    Duration.ofSeconds(10));
            try (EngineUnderTest bq = new EngineUnderTest(d.apply(new EngineConfig("127.0.0.1", 0, seedDir)))) {
                TorrentHandle h = bq.add(torrent, seedDir, List.of());
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(60));
                String self = "127.0.0.1:" + bq.engine.peerPort();
                net.awaitAnnounce(infoHash, self, Duration.ofSeconds(60));
                Path out = work.resolve("lt-out");
                try (LibtorrentPeer leech = LibtorrentPeer.leechWith(work, out, "magnet:?xt=urn:btih:" + infoHash,
                        List.of("--dht-node", "127.0.0.1:" + d.dht().port(), "--print-peers"))) {
                    leech.awaitDone(Duration.ofSeconds(120));
                    int source = leech.awaitPeer(self, Duration.ofSeconds(5));
                    assertTrue((source & 2) != 0, "libtorrent learned bitquark from the DHT: source bits " + source);
                }
                assertEquals(expected, Payloads.sha1Tree(out.resolve("dht")), "payload must be byte-exact");
            } finally {
                EngineUnderTest.await(d.close(), Duration.ofSeconds(10));
            }
        } finally {
            vertx.close();
        }
    }
}
