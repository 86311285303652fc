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
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.Metainfo;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.LoopbackSwarm;

/**
 * Resume data round trips: download, shut the engine down, start a fresh engine with the saved
 * resume data. Unchanged files are trusted after a spot check; a changed file forces a full check.
 */
@LoopbackSwarm
class FastResumeTest {
    private static final int PIECE = 16384;

    @TempDir
    Path work;

    private byte[][] files;
    private Metainfo meta;
    private Path seedDir;
    private Path out;

    private void prepare() throws Exception {
        files = new byte[][] {payload(100 * PIECE + 123, 1), payload(60 * PIECE, 2), payload(40 * PIECE + 7, 3)};
        meta = SessionFixture.multiFile("data", PIECE, files);
        seedDir = work.resolve("seed");
        SessionFixture.writeFiles(seedDir, "data", files);
        out = work.resolve("out");
    }

    /** Downloads into {@code out} with a first engine, sets a few things, shuts it down; returns the resume data. */
    private ResumeData firstRun(EngineUnderTest seeder) throws Exception {
        ResumeData r;
        try (EngineUnderTest first = new EngineUnderTest(out)) {
            TorrentHandle h = await(first.engine.add(meta, TorrentOptions.defaults(out)
                    .withInitialPeers(peersOf(seeder))));
            EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
            await(h.setRateLimits(0, 123_456));
            await(h.setFilePriority(2, FilePriority.HIGH));
            await(first.engine.close());
            r = await(h.resumeData()); // the snapshot taken at shutdown
        }
        assertEquals(meta.pieceCount(), Bitfield.fromBytes(r.have(), meta.pieceCount()).cardinality());
        assertFalse(r.paused(), "shutting down is not pausing");
        assertTrue(r.completedAtMillis() >= r.addedAtMillis() && r.addedAtMillis() > 0);
        return r;
    }

    private static void assertSameData(byte[][] files, Path root) throws Exception {
        for (int i = 0; i < files.length; i++) {
            assertArrayEquals(files[i], Files.readAllBytes(root.resolve("data/f" + i + ".bin")), "file " + i);
        }
    }

    @Test
    void unchangedFilesAreTrustedAfterASpotCheck() throws Exception {
        prepare();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir)) {
            seed(seeder, meta, seedDir);
            ResumeData resume = firstRun(seeder);
            SessionFixture.Recorder events = new SessionFixture.Recorder();
            try (EngineUnderTest second = new EngineUnderTest(out)) {
                await(second.engine.setListener(events));
                TorrentHandle h = await(second.engine.add(meta, TorrentOptions.defaults(work.resolve("elsewhere")),
                        resume));
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                assertEquals(List.of("CHECKING", "LIVE"), events.states(), "already complete: no second 'finished'");
                TorrentStats s = stats(h);
                assertTrue(s.fastResumed());
                assertTrue(s.checkedPieces() <= 8 + 3, "spot check only: " + s.checkedPieces() + " pieces read");
                assertTrue(s.checkedPieces() >= 8);
                assertEquals(meta.pieceCount(), s.havePieces());
                assertEquals(0, s.downloadedTotal() - resume.downloadedTotal(), "nothing downloaded again");
                assertEquals(resume.uploadedTotal(), s.uploadedTotal());
                assertEquals(List.of(FilePriority.NORMAL, FilePriority.NORMAL, FilePriority.HIGH),
                        await(h.filePriorities()));
                ResumeData again = await(h.resumeData());
                assertEquals(123_456, again.uploadLimit());
                assertEquals(out.toAbsolutePath().normalize(), again.saveDir().toAbsolutePath().normalize(),
                        "the resume data's folder wins over the options");
                assertEquals(resume.addedAtMillis(), again.addedAtMillis());
                assertEquals(resume.completedAtMillis(), again.completedAtMillis(), "completion time is kept");
            }
            assertSameData(files, out);
        }
    }

    @Test
    void aTruncatedFileForcesAFullCheckAndIsDownloadedAgain() throws Exception {
        prepare();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir)) {
            seed(seeder, meta, seedDir);
            ResumeData resume = firstRun(seeder);
            try (RandomAccessFile f = new RandomAccessFile(out.resolve("data/f1.bin").toFile(), "rw")) {
                f.setLength(files[1].length / 2);
            }
            try (EngineUnderTest second = new EngineUnderTest(out)) {
                TorrentHandle h = await(second.engine.add(meta,
                        TorrentOptions.defaults(out).withInitialPeers(peersOf(seeder)), resume));
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                TorrentStats s = stats(h);
                assertFalse(s.fastResumed());
                assertEquals(meta.pieceCount(), s.checkedPieces(), "a full check");
                long redownloaded = s.downloadedTotal() - resume.downloadedTotal();
                assertTrue(redownloaded >= files[1].length / 2 && redownloaded <= files[1].length + 2L * PIECE,
                        "about the lost half of f1 came again: " + redownloaded);
            }
            assertSameData(files, out);
        }
    }

    @Test
    void aDamagedPieceWithUnchangedStampsFailsTheSpotCheck() throws Exception {
        prepare();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir)) {
            seed(seeder, meta, seedDir);
            ResumeData resume = firstRun(seeder);
            // Damage the last piece of f2 (always spot-checked) and restore its time: only reading can tell.
            Path f2 = out.resolve("data/f2.bin");
            var mtime = Files.getLastModifiedTime(f2);
            try (RandomAccessFile f = new RandomAccessFile(f2.toFile(), "rw")) {
                f.seek(files[2].length - 1);
                f.write(files[2][files[2].length - 1] ^ 1);
            }
            Files.setLastModifiedTime(f2, mtime);
            try (EngineUnderTest second = new EngineUnderTest(out)) {
                TorrentHandle h = await(second.engine.add(meta,
                        TorrentOptions.defaults(out).withInitialPeers(peersOf(seeder)), resume));
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                TorrentStats s = stats(h);
                assertFalse(s.fastResumed());
                assertEquals(meta.pieceCount(), s.checkedPieces());
                assertEquals(resume.downloadedTotal() + meta.geometry().pieceSize(meta.pieceCount() - 1),
                        s.downloadedTotal(), "the damaged (last) piece came again");
            }
            assertSameData(files, out);
        }
    }

    /**
     * Resume data as a killed process leaves it: f0's pieces flushed, the rest only written (unsynced),
     * one of them lost with the operating system's cache. The unsynced pieces are hashed, not trusted
     * and not thrown away: only the lost one comes again.
     */
    @Test
    void unsyncedPiecesAreHashedAgainAndOnlyTheDamagedOneIsDownloadedAgain() throws Exception {
        prepare();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir)) {
            seed(seeder, meta, seedDir);
            ResumeData done = firstRun(seeder);
            int n = meta.pieceCount();
            int flushed = (int) (files[0].length / PIECE); // pieces entirely inside f0
            Bitfield have = new Bitfield(n);
            Bitfield unsynced = new Bitfield(n);
            for (int p = 0; p < n; p++) {
                (p < flushed ? have : unsynced).set(p);
            }
            long[] sizes = done.fileSizes();
            long[] mtimes = done.fileMtimes();
            mtimes[1] -= 5_000; // f1 and f2 were still being written when this was taken
            mtimes[2] -= 5_000;
            ResumeData killed = new ResumeData(done.infoHash(), done.saveDir(), n, have.toBytes(),
                    done.filePriorities(), sizes, mtimes, done.uploadedTotal(), done.downloadedTotal(),
                    done.addedAtMillis(), 0, false, false, 0, 0, null, unsynced.toBytes());
            int lost = n - 3; // a piece of f2 whose write never reached the disk
            long lostAt = (long) lost * PIECE - files[0].length - files[1].length;
            try (RandomAccessFile f = new RandomAccessFile(out.resolve("data/f2.bin").toFile(), "rw")) {
                f.seek(lostAt);
                f.write(new byte[PIECE]);
            }
            try (EngineUnderTest second = new EngineUnderTest(out)) {
                TorrentHandle h = await(second.engine.add(meta,
                        TorrentOptions.defaults(out).withInitialPeers(peersOf(seeder)), killed));
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                TorrentStats s = stats(h);
                assertTrue(s.fastResumed(), "no full check");
                int unsyncedCount = n - flushed;
                assertTrue(s.checkedPieces() >= unsyncedCount && s.checkedPieces() <= unsyncedCount + 8 + 3,
                        "spot check plus every unsynced piece: " + s.checkedPieces());
                assertEquals(done.downloadedTotal() + PIECE, s.downloadedTotal(), "only the lost piece came again");
                ResumeData after = await(h.resumeData());
                Bitfield afterUnsynced = Bitfield.fromBytes(after.unsynced(), n);
                assertTrue(Bitfield.fromBytes(after.have(), n).cardinality() + afterUnsynced.cardinality() == n,
                        "every piece is durable or waiting for its flush");
            }
            assertSameData(files, out);
        }
    }

    @Test
    void pausedResumeDataComesBackPausedWithoutCheckingUntilResumed() throws Exception {
        prepare();
        try (EngineUnderTest seeder = new EngineUnderTest(seedDir)) {
            seed(seeder, meta, seedDir);
            ResumeData running = firstRun(seeder);
            ResumeData paused = new ResumeData(running.infoHash(), running.saveDir(), running.pieceCount(),
                    running.have(), running.filePriorities(), running.fileSizes(), running.fileMtimes(),
                    running.uploadedTotal(), running.downloadedTotal(), running.addedAtMillis(),
                    running.completedAtMillis(), true, running.sequential(), 0, 0, null);
            try (EngineUnderTest second = new EngineUnderTest(out)) {
                TorrentHandle h = await(second.engine.add(meta, TorrentOptions.defaults(out), paused));
                // No wait needed: the torrent decides to check or not as it is added, on the engine context; a
                // check would show as CHECKING already.
                TorrentStats s = stats(h);
                assertEquals(TorrentState.PAUSED, s.state());
                assertEquals(0, s.checkedPieces(), "no check while paused");
                // Regression: it showed progress 0 and finished=false until resumed. Until the check, it shows
                // what it had when it stopped.
                assertEquals(1.0, s.progress(), "the progress it stopped with");
                assertTrue(s.finished(), "it was complete when it stopped");
                assertEquals(meta.pieceCount(), s.havePieces());
                assertEquals(List.of((long) files[0].length, (long) files[1].length, (long) files[2].length),
                        await(h.fileStats()).stream().map(FileStats::verifiedBytes).toList());
                ResumeData carried = await(h.resumeData());
                assertArrayEquals(paused.have(), carried.have(), "unused resume data is carried over");
                assertTrue(carried.paused());

                await(h.resume());
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                assertTrue(stats(h).fastResumed());
                assertFalse(await(h.resumeData()).paused());
            }
        }
    }

    @Test
    void resumeDataOfAnotherTorrentIsRejected() throws Exception {
        prepare();
        Metainfo other = SessionFixture.multiFile("other", PIECE, payload(PIECE, 9));
        ResumeData foreign = new ResumeData(other.infoHash(), out, other.pieceCount(), new byte[1],
                List.of(FilePriority.NORMAL), new long[] {-1}, new long[] {-1}, 0, 0, 0, 0, false, false, 0, 0, null);
        try (EngineUnderTest engine = new EngineUnderTest(out)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(engine.engine.add(meta, TorrentOptions.defaults(out), foreign)));
            assertEquals(EngineException.Kind.INVALID_ARGUMENT, assertInstanceOf(EngineException.class, e.getCause()).kind());
        }
    }

    @Test
    void checksRunOneAtATimeWhenTheEngineAllowsOne() throws Exception {
        Path dir = work.resolve("many");
        EngineConfig oneAtATime = new EngineConfig("127.0.0.1", 0, dir).withMaxConcurrentChecks(1);
        List<Metainfo> metas = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] content = payload(8_000_000, 40 + i);
            metas.add(SessionFixture.multiFile("t" + i, PIECE, content));
            SessionFixture.writeFiles(dir, "t" + i, content);
        }
        try (EngineUnderTest engine = new EngineUnderTest(oneAtATime)) {
            // Added in one go: the second and third wait for the slot the first holds.
            List<io.vertx.core.Future<TorrentHandle>> adding = metas.stream()
                    .map(m -> engine.engine.add(m, TorrentOptions.defaults(dir))).toList();
            List<TorrentHandle> hs = new java.util.ArrayList<>();
            for (var f : adding) {
                hs.add(await(f));
            }
            TorrentStats third = stats(hs.get(2));
            assertEquals(TorrentState.CHECKING, third.state());
            assertEquals(0.0, third.checkedFraction(), "queued: no progress yet");
            while (hs.stream().anyMatch(h -> !isLive(h))) {
                int midCheck = 0;
                // One snapshot of every torrent, taken in one engine turn: separate calls could see
                // one torrent before its check ended and the next after its check began.
                for (TorrentStats s : await(engine.engine.snapshot(List.of())).torrents()) {
                    if (s.state() == TorrentState.CHECKING && s.checkedFraction() > 0 && s.checkedFraction() < 1) {
                        midCheck++;
                    }
                }
                assertTrue(midCheck <= 1, midCheck + " torrents checking at once");
                Thread.sleep(2);
            }
            for (TorrentHandle h : hs) {
                assertTrue(stats(h).finished());
                assertEquals(metas.get(0).pieceCount(), stats(h).checkedPieces());
            }
        }
    }

    /**
     * Fast resumes run several at once, but one that finds its files changed falls back to a full check, and
     * full checks keep to the engine's limit.
     */
    @Test
    void fastResumesThatFallBackToFullChecksStillRunOneAtATime() throws Exception {
        Path dir = work.resolve("changed");
        List<Metainfo> metas = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] content = payload(24_000_000, 50 + i);
            metas.add(SessionFixture.multiFile("c" + i, PIECE, content));
            SessionFixture.writeFiles(dir, "c" + i, content);
        }
        List<ResumeData> resumes = new java.util.ArrayList<>();
        try (EngineUnderTest first = new EngineUnderTest(dir)) {
            for (Metainfo m : metas) {
                TorrentHandle h = await(first.engine.add(m, TorrentOptions.defaults(dir)));
                EngineUnderTest.awaitFinished(h, SessionFixture.TIMEOUT);
                resumes.add(durableResume(h, m.pieceCount()));
            }
        }
        for (int i = 0; i < 3; i++) {
            // Same bytes, another modification time: the stamps differ, so every piece is checked.
            java.nio.file.Files.setLastModifiedTime(dir.resolve("c" + i + "/f0.bin"),
                    java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        }
        EngineConfig oneAtATime = new EngineConfig("127.0.0.1", 0, dir).withMaxConcurrentChecks(1);
        try (EngineUnderTest engine = new EngineUnderTest(oneAtATime)) {
            List<TorrentHandle> hs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hs.add(await(engine.engine.add(metas.get(i), TorrentOptions.defaults(dir), resumes.get(i))));
            }
            boolean sawQueued = false;
            while (hs.stream().anyMatch(h -> !isLive(h))) {
                int midCheck = 0;
                EngineSnapshot snap = await(engine.engine.snapshot(List.of()));
                // The fallen-back ones wait for the one full check slot (a fast resume slot would not queue them).
                sawQueued |= snap.session().checksWaiting() > 0;
                for (TorrentStats s : snap.torrents()) {
                    if (s.state() == TorrentState.CHECKING && s.checkedFraction() > 0 && s.checkedFraction() < 1) {
                        midCheck++;
                    }
                }
                if (midCheck > 1) {
                    StringBuilder seen = new StringBuilder();
                    for (TorrentStats s : snap.torrents()) {
                        seen.append(' ').append(s.name()).append('=').append(s.state()).append('@')
                                .append(s.checkedFraction()).append('/').append(s.checkedPieces());
                    }
                    throw new AssertionError(midCheck + " torrents checking every piece at once:" + seen
                            + "; checks waiting " + snap.session().checksWaiting());
                }
                Thread.sleep(2);
            }
            assertTrue(sawQueued, "full checks queued for the engine's one check slot");
            for (int i = 0; i < 3; i++) {
                TorrentStats s = stats(hs.get(i));
                assertFalse(s.fastResumed());
                assertEquals(metas.get(i).pieceCount(), s.checkedPieces(), "a full check");
                assertTrue(s.finished());
            }
        }
    }

    /**
     * Resume data that claims every piece as durable, with every file's stamp: only then does a changed
     * modification time force the full check (pieces not yet claimed durable are hashed in the fast path).
     */
    private static ResumeData durableResume(TorrentHandle h, int pieces) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ResumeData r = await(h.resumeData());
            int claimed = 0;
            for (byte b : r.have()) {
                claimed += Integer.bitCount(b & 0xFF);
            }
            if (claimed == pieces && java.util.Arrays.stream(r.fileMtimes()).allMatch(m -> m >= 0)) {
                return r;
            }
            assertTrue(System.nanoTime() < deadline, "resume data claims " + claimed + " of " + pieces + " pieces");
            Thread.sleep(50);
        }
    }

    private static boolean isLive(TorrentHandle h) {
        try {
            return stats(h).state() == TorrentState.LIVE;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
