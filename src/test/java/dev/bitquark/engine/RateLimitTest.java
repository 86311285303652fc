package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Bandwidth limits end to end. Only lower bounds on the time are asserted (a limited transfer is
 * never faster than the limit allows, one second of burst included); loaded machines are slow.
 */
@LoopbackSwarm
class RateLimitTest {
    private static final long LIMIT = 2L << 20;
    private static final int SIZE = 7_000_000;

    @TempDir
    Path work;

    /** Burst (one second of traffic) plus the rest at the limit, minus slack for the one-block lag. */
    private static long minimumMillis() {
        return (long) ((SIZE - LIMIT) * 1000.0 / LIMIT) - 300;
    }

    @Test
    void torrentDownloadLimitIsNotExceeded() throws Exception {
        long took = download((leecher, h) -> await(h.setRateLimits(LIMIT, 0)));
        assertTrue(took >= minimumMillis(), "7 MB at 2 MiB/s took only " + took + " ms");
    }

    @Test
    void sessionDownloadLimitIsNotExceeded() throws Exception {
        long took = download((leecher, h) -> await(leecher.engine.setRateLimits(LIMIT, 0)));
        assertTrue(took >= minimumMillis(), "7 MB at 2 MiB/s took only " + took + " ms");
    }

    @Test
    void seederUploadLimitIsNotExceeded() throws Exception {
        byte[] data = payload(SIZE, 9);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("up.bin"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("up.bin", data).pieceLength(65536).write());
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            TorrentHandle s = seed(seeder, meta, seedDir);
            await(s.setRateLimits(0, LIMIT));
            long start = System.nanoTime();
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took >= minimumMillis(), "7 MB at 2 MiB/s took only " + took + " ms");
            assertArrayEquals(data, Files.readAllBytes(out.resolve("up.bin")));
        }
    }

    @Test
    void sessionStatsReportTheLimits() throws Exception {
        try (EngineUnderTest engine = new EngineUnderTest(work)) {
            await(engine.engine.setRateLimits(1000, 2000));
            SessionStats s = await(engine.engine.sessionStats());
            assertEquals(1000, s.downloadLimit());
            assertEquals(2000, s.uploadLimit());
        }
    }

    private interface Limit {
        void apply(EngineUnderTest leecher, TorrentHandle h) throws Exception;
    }

    /** Downloads SIZE bytes from a seeder after applying {@code limit}; returns the milliseconds it took. */
    private long download(Limit limit) throws Exception {
        byte[] data = payload(SIZE, 8);
        Path seedDir = work.resolve("seed");
        Files.createDirectories(seedDir);
        Files.write(seedDir.resolve("big.bin"), data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("big.bin", data).pieceLength(65536).write());
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
            limit.apply(leecher, h);
            long start = System.nanoTime();
            await(h.addPeers(peersOf(seeder)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertArrayEquals(data, Files.readAllBytes(out.resolve("big.bin")));
            assertEquals(data.length, stats(h).downloadedTotal());
            return took;
        }
    }
}
