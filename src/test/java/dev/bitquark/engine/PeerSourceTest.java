package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static dev.bitquark.engine.SessionFixture.writeFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * A peer source plugged into the engine (as the DHT and LSD will be) is the only way these torrents learn of
 * their seeder: no tracker, no peers given. The swarm starts a lookup when a phase wants peers and stops it when
 * the torrent stops; a magnet finds the metadata and then the pieces through the same swarm; a private torrent
 * (BEP 27) never asks.
 */
@LoopbackSwarm
class PeerSourceTest {
    @TempDir
    Path work;

    /** A source that answers every lookup with fixed addresses and counts starts and stops. */
    static final class FixedSource implements PeerSource {
        final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
        final List<InfoHash> started = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        /** Answers the first lookup only (later ones find nothing). */
        volatile boolean once;

        @Override
        public PeerOrigin origin() {
            return PeerOrigin.DHT;
        }

        @Override
        public Lookup start(InfoHash infoHash, int port, Sink sink) {
            started.add(infoHash);
            running.incrementAndGet();
            List<InetSocketAddress> answer = once && started.size() > 1 ? List.of() : List.copyOf(peers);
            // Off the engine context, as a real lookup answers from its own socket.
            Thread.ofVirtual().start(() -> sink.found(answer));
            return running::decrementAndGet;
        }
    }

    @Test
    void aTorrentWithNoTrackerDownloadsFromThePeersASourceFinds() throws Exception {
        byte[] f0 = payload(200_000, 71);
        Metainfo meta = SessionFixture.multiFile("found", 16384, f0);
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "found", f0);
        Path out = work.resolve("out");
        FixedSource source = new FixedSource();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, out)
                     .withPeerSource(source))) {
            seed(seeder, meta, seedDir);
            source.peers.addAll(peersOf(seeder));
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(f0, Files.readAllBytes(out.resolve("found/f0.bin")));
            assertEquals(List.of(meta.infoHash()), source.started);
            assertEquals(1, source.running.get(), "the lookup runs while the torrent is live");

            await(h.pause());
            assertEquals(0, source.running.get(), "pausing stops the lookup");
            await(h.resume());
            waitUntil("the lookup starts again", () -> source.running.get() == 1);
        }
        assertEquals(0, source.running.get(), "shutdown stops the lookup");
    }

    @Test
    void aMagnetFetchesItsMetadataAndPiecesFromThePeersASourceFinds() throws Exception {
        byte[] f0 = payload(150_000, 72);
        Metainfo meta = SessionFixture.multiFile("magnetic", 16384, f0);
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "magnetic", f0);
        Path out = work.resolve("out");
        FixedSource source = new FixedSource();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, out)
                     .withPeerSource(source))) {
            seed(seeder, meta, seedDir);
            source.peers.addAll(peersOf(seeder));
            source.once = true; // the torrent must dial the peer the fetch learned: the swarm carries it over
            Magnet link = Magnet.parse("magnet:?xt=urn:btih:" + meta.infoHash().toHex());
            TorrentHandle h = await(leecher.engine.addMagnet(link, TorrentOptions.defaults(out)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(f0, Files.readAllBytes(out.resolve("magnetic/f0.bin")));
            assertEquals(2, source.started.size(), "one lookup while fetching metadata, one once live");
            assertEquals(1, source.running.get(), "the fetch's lookup stopped when it ended");
            assertEquals(1, stats(h).peersKnown(), "the seeder, found once, in the peer book of both phases");
        }
    }

    @Test
    void aPrivateTorrentNeverAsksAPeerSource() throws Exception {
        byte[] f0 = payload(100_000, 73);
        Metainfo meta = Metainfo.parse(TorrentWriter.multiFile("private").pieceLength(16384)
                .addFile(List.of("f0.bin"), f0).setPrivate(true).write());
        Path seedDir = work.resolve("seed");
        writeFiles(seedDir, "private", f0);
        Path out = work.resolve("out");
        FixedSource source = new FixedSource();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, out)
                     .withPeerSource(source))) {
            seed(seeder, meta, seedDir);
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
            await(h.addPeers(peersOf(seeder)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertTrue(source.started.isEmpty(), "BEP 27: a private torrent's peers come from its trackers only");
        }
    }
}
