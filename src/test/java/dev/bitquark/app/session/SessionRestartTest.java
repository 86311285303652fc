package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.testkit.EngineUnderTest;
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

/**
 * The session across a restart, in-process: a torrent downloaded through a session comes back after
 * the session and its engine are closed and new ones open on the same data folder — finished,
 * without a full recheck, with its uploaded total intact.
 */
class SessionRestartTest {
    @TempDir
    Path work;

    @Test
    void finishedTorrentComesBackSeedingWithoutRecheckAndKeepsItsTotals() throws Exception {
        byte[] data = new byte[3_000_000];
        new Random(3).nextBytes(data);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("a.bin"), data);
        byte[] torrent = TorrentWriter.singleFile("a.bin", data).pieceLength(32768).write();
        Metainfo meta = Metainfo.parse(torrent);
        Path dataDir = work.resolve("state");
        Path downloads = work.resolve("downloads");
        long downloaded;
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir)) {
            TorrentHandle seeding = EngineUnderTest.await(seeder.engine.add(meta, TorrentOptions.defaults(seedDir)),
                    Duration.ofSeconds(10));
            EngineUnderTest.awaitFinished(seeding, Duration.ofSeconds(20));
            try (EngineUnderTest first = new EngineUnderTest(downloads);
                 Session session = new Session(first.engine, new FileSessionStore(dataDir), downloads, 200)) {
                session.restore().toCompletableFuture().get();
                TorrentHandle h = session.add(torrent, TorrentOptions.defaults(downloads).withInitialPeers(
                        List.of(new InetSocketAddress("127.0.0.1", seeder.engine.peerPort())))).toCompletableFuture().get();
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(30));
                downloaded = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).downloadedTotal();
                assertTrue(downloaded >= data.length);
            }
        }
        assertArrayEquals(data, Files.readAllBytes(downloads.resolve("a.bin")));
        try (EngineUnderTest second = new EngineUnderTest(downloads);
             Session session = new Session(second.engine, new FileSessionStore(dataDir), downloads, 200)) {
            Session.RestoreReport report = session.restore().toCompletableFuture().get();
            assertEquals(1, report.restored(), report.toString());
            assertEquals(0, report.withoutResume(), report.toString());
            TorrentHandle h = session.handle(meta.infoHash());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(20));
            TorrentStats s = EngineUnderTest.await(h.stats(), Duration.ofSeconds(5));
            assertEquals(TorrentState.LIVE, s.state());
            assertTrue(s.finished());
            assertTrue(s.fastResumed(), "no full recheck: " + s);
            assertTrue(s.checkedPieces() < meta.pieceCount(), "only a spot check: " + s);
            assertEquals(downloaded, s.downloadedTotal(), "totals survive the restart");
        }
    }
}
