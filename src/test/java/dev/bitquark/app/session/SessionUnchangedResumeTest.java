package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.app.persistence.ResumeDataCodec;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart and a stop that change nothing write no resume data (with many torrents, rewriting all
 * of them costs thousands of fsyncs at every start and stop); a real change is still saved.
 */
class SessionUnchangedResumeTest {
    static final long SAVE_INTERVAL_MS = 100;

    @TempDir
    Path work;

    @Test
    void restartAndStopWithoutChangesLeaveTheResumeFileAloneButAChangeIsSaved() throws Exception {
        byte[] data = new byte[1_000_000];
        new Random(8).nextBytes(data);
        Path downloads = work.resolve("downloads");
        Files.createDirectories(downloads);
        Files.write(downloads.resolve("c.bin"), data);
        byte[] torrent = TorrentWriter.singleFile("c.bin", data).pieceLength(32768).write();
        Metainfo meta = Metainfo.parse(torrent);
        Path dataDir = work.resolve("state");
        Path resumeFile = dataDir.resolve("resume").resolve(meta.infoHash().toHex() + ".resume");

        // First session: the torrent is added (its files are complete) and seeds; then a stop.
        try (EngineUnderTest engine = new EngineUnderTest(downloads);
             Session session = new Session(engine.engine, new FileSessionStore(dataDir), downloads, SAVE_INTERVAL_MS)) {
            session.restore().toCompletableFuture().get();
            TorrentHandle h = session.add(torrent, TorrentOptions.defaults(downloads)).toCompletableFuture().get();
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(20));
            awaitSavePasses(session, 5);
        }
        byte[] saved = Files.readAllBytes(resumeFile);
        var savedTime = Files.getLastModifiedTime(resumeFile);

        // Second session: restored, checked, seeding for several save intervals, stopped: nothing changed.
        try (EngineUnderTest engine = new EngineUnderTest(downloads);
             Session session = new Session(engine.engine, new FileSessionStore(dataDir), downloads, SAVE_INTERVAL_MS)) {
            session.restore().toCompletableFuture().get();
            TorrentHandle h = session.handle(meta.infoHash());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(20));
            assertTrue(EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).fastResumed());
            awaitSavePasses(session, 5);
        }
        assertArrayEquals(saved, Files.readAllBytes(resumeFile));
        assertEquals(savedTime, Files.getLastModifiedTime(resumeFile), "unchanged resume data is not written again");

        // Third session: a change (a rate limit) is saved as before.
        try (EngineUnderTest engine = new EngineUnderTest(downloads);
             Session session = new Session(engine.engine, new FileSessionStore(dataDir), downloads, SAVE_INTERVAL_MS)) {
            session.restore().toCompletableFuture().get();
            TorrentHandle h = session.handle(meta.infoHash());
            EngineUnderTest.awaitFinished(h, Duration.ofSeconds(20));
            EngineUnderTest.await(h.setRateLimits(0, 123_456), Duration.ofSeconds(5));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (readResume(resumeFile).uploadLimit() != 123_456 && System.nanoTime() < deadline) {
                Thread.sleep(SAVE_INTERVAL_MS);
            }
        }
        assertEquals(123_456, readResume(resumeFile).uploadLimit(), "a changed setting is saved");
        assertNotEquals(savedTime, Files.getLastModifiedTime(resumeFile));
    }

    private static ResumeData readResume(Path file) {
        return new AtomicFile(file).read(ResumeDataCodec::decode).value();
    }

    /** Waits until the session has run {@code passes} more periodic save passes (each may save, or find nothing). */
    private static void awaitSavePasses(Session session, int passes) throws InterruptedException {
        long target = session.savePasses() + passes;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (session.savePasses() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the session ran " + session.savePasses() + " save passes, not " + target);
            }
            Thread.sleep(SAVE_INTERVAL_MS / 4 + 1);
        }
    }
}
