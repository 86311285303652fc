package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.app.persistence.StoredTorrent;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a download runs, the session's periodic saves put its durable progress and totals in the store. */
class SessionPeriodicSaveTest {
    @TempDir
    Path work;

    @Test
    void progressAndTotalsReachTheStoreWhileDownloading() throws Exception {
        byte[] data = new byte[8_000_000];
        new Random(5).nextBytes(data);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("b.bin"), data);
        byte[] torrent = TorrentWriter.singleFile("b.bin", data).pieceLength(65536).write();
        Metainfo meta = Metainfo.parse(torrent);
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(downloads);
             Session session = new Session(leecher.engine, new FileSessionStore(dataDir), downloads, 100)) {
            EngineUnderTest.await(seeder.engine.setRateLimits(0, 2_000_000), Duration.ofSeconds(5));
            TorrentHandle seeding = EngineUnderTest.await(seeder.engine.add(meta, TorrentOptions.defaults(seedDir)),
                    Duration.ofSeconds(10));
            EngineUnderTest.awaitFinished(seeding, Duration.ofSeconds(20));
            session.restore().toCompletableFuture().get();
            session.add(torrent, TorrentOptions.defaults(downloads).withInitialPeers(
                    List.of(new InetSocketAddress("127.0.0.1", seeder.engine.peerPort())))).toCompletableFuture().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            StoredTorrent st = null;
            while (System.nanoTime() < deadline) {
                Thread.sleep(300);
                FileSessionStore reader = new FileSessionStore(dataDir);
                reader.open();
                st = reader.load().getFirst();
                if (st.resume() != null && Bitfield.fromBytes(st.resume().have(), meta.pieceCount()).cardinality() > 10
                        && st.resume().downloadedTotal() > 0) {
                    break;
                }
            }
            assertTrue(st != null && st.resume() != null
                    && Bitfield.fromBytes(st.resume().have(), meta.pieceCount()).cardinality() > 10
                    && st.resume().downloadedTotal() > 0, "saved while downloading: " + st);
        }
    }
}
