package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.StorageException.Kind;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded cache of open files: eviction, read-only reopening, concurrent use. */
class FileStorageHandlesTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path dir;

    private static TestTorrent manyFiles(int count, int length, long seed) {
        TestTorrent.Builder b = TestTorrent.builder(16 * 1024);
        for (int i = 0; i < count; i++) {
            b.file(length, "d" + (i % 100), "f" + i);
        }
        return b.build(seed);
    }

    @Test
    void tenThousandFilesNeverExceedTheHandleCap() throws Exception {
        TestTorrent t = manyFiles(10_000, 100, 20);
        try (FileStorage s = new FileStorage(dir, t.layout, 16)) {
            TorrentGeometry g = t.geometry();
            for (int p = 0; p < g.pieceCount(); p++) {
                s.writeBlock(p, 0, t.bytes(p, 0, g.pieceSize(p)));
                assertTrue(s.handles().openCount() <= 16, "open handles after piece " + p + ": " + s.handles().openCount());
            }
            assertEquals(16, s.handles().openCount());
            assertEquals(10_000, s.handles().openedTotal(), "each file opened once for writing, in payload order");
            PieceHasher h = new PieceHasher(s, t.hashes);
            for (int p = g.pieceCount() - 1; p >= 0; p--) {
                assertTrue(h.verify(p), "piece " + p);
                assertTrue(s.handles().openCount() <= 16);
            }
            assertArrayEquals(t.fileBytes(9_999), Files.readAllBytes(s.path(9_999)));
        }
    }

    @Test
    void completeFileIsReopenedReadOnlyAndRefusesWrites() throws Exception {
        TestTorrent t = TestTorrent.builder(16 * 1024).file(20_000, "a").file(20_000, "b").build(21);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            s.writeBlock(0, 0, t.bytes(0, 0, 16384));
            assertEquals(1, s.handles().openWritableCount());

            s.setFileComplete(0);
            assertEquals(0, s.handles().openWritableCount());
            assertEquals(0, s.handles().openCount());

            ByteBuffer buf = ByteBuffer.allocate(16384);
            s.readBlock(0, 0, 16384, buf);
            assertEquals(1, s.handles().openCount());
            assertEquals(0, s.handles().openWritableCount(), "reading a complete file opens it read-only");

            StorageException e = assertThrows(StorageException.class, () -> s.writeBlock(0, 0, t.bytes(0, 0, 10)));
            assertEquals(Kind.READ_ONLY, e.kind());

            s.setFileIncomplete(0);
            s.writeBlock(0, 0, t.bytes(0, 0, 10));
            assertEquals(1, s.handles().openWritableCount());
            assertEquals(1, s.handles().openCount(), "the read-only handle was replaced, not kept beside");
        }
    }

    @Test
    void seedingReadsOpenFilesReadOnly() throws Exception {
        TestTorrent t = TestTorrent.builder(16 * 1024).file(20_000, "a").build(22);
        Files.write(dir.resolve("a"), t.payload);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            assertTrue(new PieceHasher(s, t.hashes).verify(1));
            assertEquals(1, s.handles().openCount());
            assertEquals(0, s.handles().openWritableCount());
        }
    }

    @Test
    void concurrentWritersThroughSmallCacheStoreEveryByte() throws Exception {
        TestTorrent t = manyFiles(300, 3_000, 23);
        List<int[]> blocks = new ArrayList<>();
        TorrentGeometry g = t.geometry();
        // 4 KiB sub-blocks so that each file receives several writes from different threads.
        for (int p = 0; p < g.pieceCount(); p++) {
            for (int begin = 0; begin < g.pieceSize(p); begin += 4096) {
                blocks.add(new int[] {p, begin, Math.min(4096, g.pieceSize(p) - begin)});
            }
        }
        java.util.Collections.shuffle(blocks, new Random(24));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (FileStorage s = new FileStorage(dir, t.layout, 3)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int i = worker; i < blocks.size(); i += 4) {
                        int[] b = blocks.get(i);
                        s.writeBlock(b[0], b[1], t.bytes(b[0], b[1], b[2]));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            s.flush();
            assertTrue(s.handles().openCount() <= 3, "evicted handles are closed once released");
            PieceHasher h = new PieceHasher(s, t.hashes);
            for (int p = 0; p < g.pieceCount(); p++) {
                assertTrue(h.verify(p), "piece " + p);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
