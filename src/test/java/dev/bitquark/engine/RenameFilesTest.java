package dev.bitquark.engine;

import static dev.bitquark.engine.SessionFixture.await;
import static dev.bitquark.engine.SessionFixture.payload;
import static dev.bitquark.engine.SessionFixture.seed;
import static dev.bitquark.engine.SessionFixture.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.LoopbackSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renaming files and folders inside a torrent while it seeds: the data moves, the files list shows the new paths,
 * and a restart from the resume data finds the files where they are now (a fast resume, nothing downloaded again).
 */
@LoopbackSwarm
class RenameFilesTest {
    @TempDir
    Path work;

    @Test
    void renamedFilesAndFoldersKeepTheirDataAcrossARestart() throws Exception {
        byte[] a = payload(200_000, 1);
        byte[] b = payload(120_000, 2);
        byte[] c = payload(90_000, 3);
        Metainfo meta = SessionFixture.multiFile("Pack", 32768, a, b, c);
        Path dir = work.resolve("dl");
        SessionFixture.writeFiles(dir, "Pack", a, b, c);
        ResumeData resume;
        try (EngineUnderTest e = new EngineUnderTest(dir)) {
            TorrentHandle h = seed(e, meta, dir);
            await(h.rename("f0.bin", "Season 1/Episode 1.mkv"));
            await(h.rename("f1.bin", "Season 1/Episode 2.mkv"));
            await(h.rename("Season 1", "S01"));
            List<String> paths = await(h.fileStats()).stream().map(FileStats::path).toList();
            assertEquals(List.of("S01/Episode 1.mkv", "S01/Episode 2.mkv", "f2.bin"), paths);
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("Pack/S01/Episode 1.mkv")));
            assertFalse(Files.exists(dir.resolve("Pack/f0.bin")));
            assertFalse(Files.exists(dir.resolve("Pack/Season 1")), "the folder left empty is gone");

            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> h.rename("nope.bin", "x.bin").toCompletionStage().toCompletableFuture().get());
            assertInstanceOf(EngineException.class, missing.getCause());
            assertEquals(EngineException.Kind.NOT_FOUND, ((EngineException) missing.getCause()).kind());
            ExecutionException escape = assertThrows(ExecutionException.class,
                    () -> h.rename("f2.bin", "../../x.bin").toCompletionStage().toCompletableFuture().get());
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, ((EngineException) escape.getCause()).kind());
            ExecutionException taken = assertThrows(ExecutionException.class,
                    () -> h.rename("f2.bin", "S01/Episode 1.mkv").toCompletionStage().toCompletableFuture().get());
            assertEquals(EngineException.Kind.STORAGE, ((EngineException) taken.getCause()).kind());
            assertArrayEquals(c, Files.readAllBytes(dir.resolve("Pack/f2.bin")), "a refused rename moves nothing");
            resume = await(h.resumeData());
        }
        assertEquals(List.of("Pack", "S01", "Episode 1.mkv"), resume.renamedFiles().get(0));
        try (EngineUnderTest e = new EngineUnderTest(dir)) {
            TorrentHandle h = await(e.engine.add(meta, TorrentOptions.defaults(dir), resume));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            TorrentStats s = stats(h);
            assertTrue(s.fastResumed(), "found where they are now: a fast resume, not a full check");
            assertEquals(0, s.downloadedTotal());
            assertEquals("S01/Episode 2.mkv", await(h.fileStats()).get(1).path());
            assertArrayEquals(b, Files.readAllBytes(dir.resolve("Pack/S01/Episode 2.mkv")));
        }
    }
}
