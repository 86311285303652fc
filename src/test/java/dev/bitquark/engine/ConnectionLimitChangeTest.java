package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Lowering a connection limit while connections are open closes the surplus at once (session-wide
 * and per torrent), and the torrent's own limit and order, changed at run time, are in its resume
 * data. Three slow seeders keep three connections open long enough to watch.
 */
@LoopbackSwarm
class ConnectionLimitChangeTest {
    @TempDir
    Path work;

    @Test
    void loweredLimitsCloseTheSurplusAndTheTorrentKeepsItsSettings() throws Exception {
        byte[] data = payload(1_500_000, 41);
        Path seedDir = work.resolve("seed");
        Metainfo meta = SessionFixture.multiFile("lim", 32768, data);
        SessionFixture.writeFiles(seedDir, "lim", data);
        Path out = work.resolve("out");
        try (EngineUnderTest s1 = new EngineUnderTest(seedDir);
             EngineUnderTest s2 = new EngineUnderTest(seedDir);
             EngineUnderTest s3 = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            SessionFixture.seedThrottled(meta, seedDir, 48L << 10, s1, s2, s3);
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(s1, s2, s3))));
            waitUntil("three seeders connected", () -> stats(h).peersConnected() == 3);

            await(leecher.engine.setMaxConnections(2));
            assertTrue(await(leecher.engine.sessionStats()).connections() <= 2, "closed at once, in the same call");
            holdsAtMost(leecher, h, 2);

            await(h.setMaxConnections(1));
            assertEquals(1, stats(h).peersConnected(), "the torrent's own limit closes at once too");
            assertEquals(1, stats(h).maxConnections());
            await(h.setSequential(true));
            assertTrue(stats(h).sequential());
            holdsAtMost(leecher, h, 1);

            ResumeData resume = await(h.resumeData());
            assertEquals(1, resume.maxConnections());
            assertTrue(resume.sequential());
            ExecutionException refused = assertThrows(ExecutionException.class, () -> await(h.setMaxConnections(0)));
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class, refused.getCause()).kind());

            // The one connection left finishes the download.
            await(leecher.engine.setMaxConnections(50));
            for (EngineUnderTest s : List.of(s1, s2, s3)) {
                await(s.engine.setRateLimits(0, 0));
            }
            waitUntil("finished", () -> stats(h).finished());
            assertArrayEquals(data, Files.readAllBytes(out.resolve("lim/f0.bin")));
        }
    }

    /** For a second: never more than {@code max} connected, nor dialing past the limit. */
    private static void holdsAtMost(EngineUnderTest engine, TorrentHandle h, int max) throws Exception {
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            assertTrue(stats(h).peersConnected() <= max, "connected: " + stats(h).peersConnected());
            assertTrue(await(engine.engine.sessionStats()).connections() <= Math.max(max, 2));
            Thread.sleep(20);
        }
    }
}
