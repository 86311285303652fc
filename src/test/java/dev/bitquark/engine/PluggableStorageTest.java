package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static dev.bitquark.engine.SessionFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * The engine sees only {@code PieceStorage}: a storage from the config's factory (here in memory, and one that
 * fails like a full disk) downloads, verifies and fails exactly as files on disk do.
 */
@LoopbackSwarm
class PluggableStorageTest {
    @TempDir
    Path work;

    @Test
    void aTorrentDownloadsIntoAnInMemoryStorage() throws Exception {
        byte[][] files = {payload(150_000, 31), payload(40_000, 32)};
        Metainfo meta = SessionFixture.multiFile("mem", 16384, files);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "mem", files);
        Path out = work.resolve("out");
        List<InMemoryStorage> made = new CopyOnWriteArrayList<>();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, out)
                     .withStorage(InMemoryStorage.factory(made)))) {
            seed(seeder, meta, seedDir);
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)));
            await(h.addPeers(peersOf(seeder)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertEquals(1, made.size());
            assertArrayEquals(files[0], made.get(0).file(0));
            assertArrayEquals(files[1], made.get(0).file(1));
            assertFalse(Files.exists(out.resolve("mem")), "nothing on disk");
            await(h.recheck());
            assertTrue(stats(h).finished(), "a check reads the storage it was given");
        }
    }

    @Test
    void aStorageThatRunsOutOfSpaceStopsTheTorrentWithTheReason() throws Exception {
        byte[][] files = {payload(400_000, 33)};
        Metainfo meta = SessionFixture.multiFile("full", 16384, files);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "full", files);
        List<InMemoryStorage> made = new CopyOnWriteArrayList<>();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(new EngineConfig("127.0.0.1", 0, work.resolve("out"))
                     .withStorage(InMemoryStorage.faulty(100_000, made)))) {
            seed(seeder, meta, seedDir);
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(work.resolve("out"))));
            await(h.addPeers(peersOf(seeder)));
            waitUntil("the torrent stops with an error", () -> stats(h).state() == TorrentState.ERROR);
            assertTrue(stats(h).error().contains("no space left"), stats(h).error());
        }
    }
}
