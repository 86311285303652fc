package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.Bitfield;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCheckerTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** 3 files over 20 pieces of 16 KiB (the last one shorter); piece 6 spans all three files. */
    private static TestTorrent torrent() {
        return TestTorrent.builder(16 * 1024)
                .file(100_000, "a")
                .file(10_000, "b")
                .file(210_000, "c")
                .build(30);
    }

    private static Bitfield await(CheckJob job) throws Exception {
        return job.result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void checkAllFindsEveryWrittenPieceWithMonotoneProgress() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(31));
            List<CheckProgress> seen = new CopyOnWriteArrayList<>();
            Bitfield have = await(StorageChecker.checkAll(s, t.hashes, pool, 4, seen::add));
            assertTrue(have.isComplete(), have.toString());
            int pieces = t.geometry().pieceCount();
            assertEquals(pieces, seen.size());
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).piecesDone() > seen.get(i - 1).piecesDone());
                assertTrue(seen.get(i).bytesDone() > seen.get(i - 1).bytesDone());
            }
            CheckProgress last = seen.get(seen.size() - 1);
            assertEquals(new CheckProgress(pieces, pieces, pieces, t.payload.length, t.payload.length), last);
            assertTrue(last.isFinished());
        }
    }

    @Test
    void corruptedByteFailsOnlyItsPiece() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(32));
            s.flush();
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("c"), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~t.payload[110_000 + 50_000]}), 50_000);
        }
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            Bitfield have = await(StorageChecker.checkAll(s, t.hashes, pool, 4, null));
            int bad = 160_000 / 16384;
            assertFalse(have.get(bad));
            assertEquals(t.geometry().pieceCount() - 1, have.cardinality());
        }
    }

    @Test
    void shortFileFailsOnlyThePiecesPastItsEnd() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(33));
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("a"), StandardOpenOption.WRITE)) {
            ch.truncate(50_000); // a: pieces 0..6; byte 50,000 is in piece 3
        }
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            Bitfield have = await(StorageChecker.checkAll(s, t.hashes, pool, 4, null));
            for (int p = 0; p < t.geometry().pieceCount(); p++) {
                assertEquals(p < 3 || p > 6, have.get(p), "piece " + p);
            }
        }
    }

    @Test
    void missingFileFailsItsPiecesWithoutOpeningIt() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(34));
        }
        Files.delete(dir.resolve("b")); // b: bytes 100,000..110,000, pieces 6 only
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            Bitfield have = await(StorageChecker.checkAll(s, t.hashes, pool, 4, null));
            assertFalse(have.get(6));
            assertEquals(t.geometry().pieceCount() - 1, have.cardinality());
        }
    }

    @Test
    void torrentNeverDownloadedIsCheckedWithoutReads() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            List<CheckProgress> seen = new CopyOnWriteArrayList<>();
            Bitfield have = await(StorageChecker.checkAll(s, t.hashes, pool, 4, seen::add));
            assertTrue(have.isEmpty());
            assertEquals(0, s.handles().openedTotal(), "no file was opened");
            assertEquals(t.geometry().pieceCount(), seen.get(seen.size() - 1).piecesDone());
        }
    }

    @Test
    void subsetCheckExaminesOnlyThosePieces() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(35));
            Bitfield subset = new Bitfield(t.geometry().pieceCount());
            subset.set(0);
            subset.set(6);
            subset.set(19);
            List<CheckProgress> seen = new CopyOnWriteArrayList<>();
            Bitfield have = await(StorageChecker.check(s, t.hashes, subset, pool, 2, seen::add));
            assertEquals(subset, have);
            long bytes = 2L * 16384 + t.geometry().pieceSize(19);
            assertEquals(new CheckProgress(3, 3, 3, bytes, bytes), seen.get(seen.size() - 1));
        }
    }

    @Test
    void neverHasMoreThanMaxInFlightPiecesQueued() throws Exception {
        TestTorrent t = torrent();
        ManualExecutor ex = new ManualExecutor();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(36));
            CheckJob job = StorageChecker.checkAll(s, t.hashes, ex, 3, null);
            assertFalse(job.result().isDone(), "start only queues work");
            ex.runAll();
            assertEquals(3, ex.maxQueued());
            assertTrue(await(job).isComplete());
        }
    }

    @Test
    void oneTaskGoesOnWithTheNextPiecesUpToTheBatchBound() throws Exception {
        TestTorrent t = torrent();
        ManualExecutor ex = new ManualExecutor();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(40));
            List<CheckProgress> seen = new CopyOnWriteArrayList<>();
            CheckJob job = StorageChecker.checkAll(s, t.hashes, ex, 1, seen::add);
            assertTrue(ex.runOne()); // the file stats; queues the first piece
            assertTrue(ex.runOne()); // 20 pieces of 16 KiB are well below 16 MiB: one task checks them all
            assertTrue(await(job).isComplete());
            assertEquals(t.geometry().pieceCount(), seen.size(), "progress is still told after every piece");
            assertEquals(0, ex.queued());
        }
    }

    @Test
    void pauseStopsNewPiecesAndResumeFinishes() throws Exception {
        TestTorrent t = torrent();
        ManualExecutor ex = new ManualExecutor();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(37));
            CheckJob job = StorageChecker.checkAll(s, t.hashes, ex, 2, null);
            assertTrue(ex.runOne()); // the file stats; queues 2 pieces
            job.pause();
            assertTrue(job.isPaused());
            assertEquals(2, ex.runAll(), "the pieces in flight finish, no new ones start");
            assertEquals(2, job.progress().piecesDone());
            assertFalse(job.result().isDone());

            job.resume();
            assertEquals(2, ex.queued());
            ex.runAll();
            Bitfield have = await(job);
            assertTrue(have.isComplete());
            assertEquals(t.geometry().pieceCount(), job.progress().piecesDone());
        }
    }

    @Test
    void cancelCompletesAfterPiecesInFlightWithCancellation() throws Exception {
        TestTorrent t = torrent();
        ManualExecutor ex = new ManualExecutor();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(38));
            CheckJob job = StorageChecker.checkAll(s, t.hashes, ex, 2, null);
            ex.runOne();
            ex.runOne(); // one piece done, which queued the next: 2 in flight
            job.cancel();
            assertFalse(job.result().isDone(), "pieces in flight still run");
            ex.runAll();
            assertTrue(job.result().isCompletedExceptionally());
            assertThrows(CancellationException.class, () -> job.result().get());
            assertTrue(job.progress().piecesDone() < t.geometry().pieceCount());
            assertEquals(0, ex.queued());
        }
    }

    @Test
    void storageErrorOtherThanMissingDataFailsTheJob() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(39));
        }
        FileStorage closed = new FileStorage(dir, t.layout);
        closed.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(
                StorageChecker.checkAll(closed, t.hashes, pool, 2, null)));
        StorageException cause = assertInstanceOf(StorageException.class, e.getCause());
        assertEquals(StorageException.Kind.CLOSED, cause.kind());
    }

    @Test
    void rejectsHashesThatDoNotFitTheTorrent() throws Exception {
        TestTorrent t = torrent();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            assertThrows(IllegalArgumentException.class,
                    () -> StorageChecker.checkAll(s, new byte[20], pool, 2, null));
            assertThrows(IllegalArgumentException.class,
                    () -> StorageChecker.check(s, t.hashes, new int[] {20}, pool, 2, null));
        }
    }
}
