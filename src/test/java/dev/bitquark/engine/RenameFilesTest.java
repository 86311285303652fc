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

    @Test
    void theTorrentsOwnFolderTakesANewNameAndTheShownNameFollowsUnlessTheUserGaveOne() throws Exception {
        byte[] a = payload(100_000, 4);
        byte[] b = payload(70_000, 5);
        Metainfo meta = SessionFixture.multiFile("Show.S01.1080p", 32768, a, b);
        Path dir = work.resolve("dl");
        SessionFixture.writeFiles(dir, "Show.S01.1080p", a, b);
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("Escape"), outside);
        ResumeData resume;
        try (EngineUnderTest e = new EngineUnderTest(dir)) {
            TorrentHandle h = seed(e, meta, dir);
            await(h.renameContent("Show Season 1"));
            TorrentStats s = stats(h);
            assertEquals("Show Season 1", s.name(), "shown by its folder's new name, as Transmission does");
            assertEquals("Show Season 1", s.contentName());
            assertArrayEquals(b, Files.readAllBytes(dir.resolve("Show Season 1/f1.bin")));
            assertFalse(Files.exists(dir.resolve("Show.S01.1080p")), "the old folder is gone");
            assertEquals(List.of("f0.bin", "f1.bin"), await(h.fileStats()).stream().map(FileStats::path).toList(),
                    "paths inside the torrent do not change");

            for (String bad : List.of("..", "a/b", "", "x\\y")) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> h.renameContent(bad).toCompletionStage().toCompletableFuture().get(), bad);
                assertEquals(EngineException.Kind.INVALID_ARGUMENT, ((EngineException) refused.getCause()).kind(), bad);
            }
            ExecutionException escape = assertThrows(ExecutionException.class,
                    () -> h.renameContent("Escape").toCompletionStage().toCompletableFuture().get());
            assertEquals(EngineException.Kind.STORAGE, ((EngineException) escape.getCause()).kind(),
                    "a link out of the download folder is refused: " + escape.getCause().getMessage());
            try (var left = Files.list(outside)) {
                assertEquals(0, left.count(), "nothing moved out of the download folder");
            }
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("Show Season 1/f0.bin")));

            await(h.setPolicy(await(h.policy()).withName("My show")));
            s = stats(h);
            assertEquals("My show", s.name(), "a name the user gives is only a label");
            assertEquals("Show Season 1", s.contentName());
            assertTrue(Files.isDirectory(dir.resolve("Show Season 1")));
            resume = await(h.resumeData());
        }
        assertEquals("My show", resume.policy().name());
        try (EngineUnderTest e = new EngineUnderTest(dir)) {
            TorrentHandle h = await(e.engine.add(meta, TorrentOptions.defaults(dir), resume));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            TorrentStats s = stats(h);
            assertTrue(s.fastResumed(), "found in the renamed folder");
            assertEquals(0, s.downloadedTotal());
            assertEquals("My show", s.name());
            assertEquals("Show Season 1", s.contentName());
            await(h.setPolicy(s.policy().withName(null)));
            assertEquals("Show Season 1", stats(h).name(), "its own name again: the folder's");
        }
    }

    @Test
    void aSingleFileTorrentsFileTakesANewName() throws Exception {
        byte[] a = payload(90_000, 6);
        Path src = Files.createDirectories(work.resolve("src")).resolve("movie.2024.mkv");
        Files.write(src, a);
        Metainfo meta = Metainfo.parse(dev.bitquark.metainfo.TorrentWriter.singleFile(src).pieceLength(32768).write());
        Path dir = work.resolve("dl");
        Files.createDirectories(dir);
        Files.write(dir.resolve("movie.2024.mkv"), a);
        try (EngineUnderTest e = new EngineUnderTest(dir)) {
            TorrentHandle h = seed(e, meta, dir);
            await(h.renameContent("Movie (2024).mkv"));
            TorrentStats s = stats(h);
            assertEquals("Movie (2024).mkv", s.name());
            assertEquals("Movie (2024).mkv", s.contentName());
            assertEquals("Movie (2024).mkv", await(h.fileStats()).getFirst().path());
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("Movie (2024).mkv")));
            assertFalse(Files.exists(dir.resolve("movie.2024.mkv")));
        }
    }
}
