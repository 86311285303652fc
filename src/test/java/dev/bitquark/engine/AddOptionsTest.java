package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.peersOf;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Options given to {@code Engine.add} hold from the start: file priorities and rate limits before
 * the first request, a paused start without check or connection; and a batch of priority changes
 * applies all or nothing. Files are whole pieces long, so no piece is shared between files.
 */
@LoopbackSwarm
class AddOptionsTest {
    private static final int PIECE = 32768;

    @TempDir
    Path work;

    @Test
    void prioritiesAndLimitsGivenAtAddHoldBeforeTheFirstPiece() throws Exception {
        byte[][] files = {payload(4 * PIECE, 11), payload(6 * PIECE, 12), payload(2 * PIECE, 13)};
        Metainfo meta = SessionFixture.multiFile("opts", PIECE, files);
        Path seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "opts", files);
        Path out = work.resolve("out");
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir);
             EngineUnderTest leecher = new EngineUnderTest(out)) {
            seed(seeder, meta, seedDir);
            // The seeder is dialed as soon as the torrent goes live: no later call could beat it.
            TorrentHandle h = await(leecher.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))
                    .withFilePriorities(List.of(FilePriority.NORMAL, FilePriority.SKIP, FilePriority.HIGH))
                    .withRateLimits(50_000_000, 7_000)));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertArrayEquals(files[0], Files.readAllBytes(out.resolve("opts/f0.bin")));
            assertArrayEquals(files[2], Files.readAllBytes(out.resolve("opts/f2.bin")));
            assertFalse(Files.exists(out.resolve("opts/f1.bin")), "the skipped file was never written");
            assertEquals(files[0].length + files[2].length, stats(h).downloadedTotal());
            ResumeData r = await(h.resumeData());
            assertEquals(List.of(FilePriority.NORMAL, FilePriority.SKIP, FilePriority.HIGH), r.filePriorities());
            assertEquals(50_000_000, r.downloadLimit());
            assertEquals(7_000, r.uploadLimit());
        }
    }

    @Test
    void startPausedNeitherChecksNorConnectsUntilResumed() throws Exception {
        byte[][] files = {payload(3 * PIECE, 21)};
        Metainfo meta = SessionFixture.multiFile("paused", PIECE, files);
        Path dir = work.resolve("data");
        SessionFixture.writeFiles(dir, "paused", files);
        try (EngineUnderTest engine = new EngineUnderTest(dir)) {
            TorrentHandle h = await(engine.engine.add(meta, TorrentOptions.defaults(dir).withStartPaused(true)));
            TorrentStats s = stats(h);
            assertEquals(TorrentState.PAUSED, s.state());
            assertEquals(0, s.havePieces(), "nothing is checked while paused");
            assertEquals(0, s.checkedPieces());
            assertTrue(await(h.resumeData()).paused(), "kept paused across a restart");
            await(h.resume());
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            assertEquals(3, stats(h).havePieces());
            assertEquals(TorrentState.LIVE, stats(h).state());
        }
    }

    @Test
    void prioritiesForAnotherFileCountFailTheAdd() throws Exception {
        Metainfo meta = SessionFixture.multiFile("count", PIECE, payload(PIECE, 31), payload(PIECE, 32));
        try (EngineUnderTest engine = new EngineUnderTest(work)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(engine.engine.add(meta,
                    TorrentOptions.defaults(work).withFilePriorities(List.of(FilePriority.SKIP)))));
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class, e.getCause()).kind());
            assertEquals(0, await(engine.engine.torrentCount()));
        }
    }

    @Test
    void changeFilePrioritiesAppliesAllOrNothing() throws Exception {
        Metainfo meta = SessionFixture.multiFile("batch", PIECE, payload(PIECE, 41), payload(PIECE, 42),
                payload(PIECE, 43));
        try (EngineUnderTest engine = new EngineUnderTest(work)) {
            TorrentHandle h = await(engine.engine.add(meta, TorrentOptions.defaults(work).withStartPaused(true)));
            await(h.changeFilePriorities(Map.of(0, FilePriority.SKIP, 2, FilePriority.HIGH)));
            assertEquals(List.of(FilePriority.SKIP, FilePriority.NORMAL, FilePriority.HIGH), await(h.filePriorities()));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(h.changeFilePriorities(Map.of(1, FilePriority.LOW, 3, FilePriority.LOW))));
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class, e.getCause()).kind());
            assertEquals(List.of(FilePriority.SKIP, FilePriority.NORMAL, FilePriority.HIGH), await(h.filePriorities()));
        }
    }
}
