package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.storage.StorageException.Kind;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageTest {
    @TempDir
    Path dir;

    /**
     * Piece 0 (32 KiB) spans a.bin (10,000 bytes), the empty file, a padding file that aligns b.bin
     * to 16 KiB, and the first 16 KiB of b.bin.
     */
    private static TestTorrent spanning() {
        return TestTorrent.builder(32 * 1024)
                .file(10_000, "t", "a.bin")
                .file(0, "t", "empty.txt")
                .padding(16_384 - 10_000)
                .file(40_000, "t", "b.bin")
                .build(1);
    }

    @Test
    void pieceSpanningEmptyAndPaddingFilesRoundTrips() throws Exception {
        TestTorrent t = spanning();
        Path root = dir.resolve("root");
        try (FileStorage s = new FileStorage(root, t.layout)) {
            int size = t.geometry().pieceSize(0);
            s.writeBlock(0, 0, t.bytes(0, 0, size));
            s.writeBlock(1, 0, t.bytes(1, 0, t.geometry().pieceSize(1)));

            ByteBuffer back = ByteBuffer.allocate(size);
            s.readBlock(0, 0, size, back);
            assertArrayEquals(Arrays.copyOfRange(t.payload, 0, size), back.array());
            assertEquals(0, back.remaining());

            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(root.resolve("t/a.bin")));
            assertArrayEquals(t.fileBytes(3), Files.readAllBytes(root.resolve("t/b.bin")));
            assertFalse(Files.exists(root.resolve(".pad")), "padding files are never created");
            assertFalse(Files.exists(root.resolve("t/empty.txt")), "empty files get no write");
            assertArrayEquals(new int[] {0, 3}, s.filesOfPiece(0));
        }
    }

    @Test
    void blockCrossingFileBoundaryIsSplit() throws Exception {
        TestTorrent t = spanning();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            // 16 KiB block at 8 KiB: 1808 bytes of a.bin, 6384 of padding, 8192 of b.bin.
            s.writeBlock(0, 8192, t.bytes(0, 8192, 16384));
            byte[] a = Files.readAllBytes(dir.resolve("t/a.bin"));
            assertEquals(10_000, a.length);
            assertArrayEquals(Arrays.copyOfRange(t.payload, 8192, 10_000), Arrays.copyOfRange(a, 8192, 10_000));
            assertTrue(Arrays.equals(new byte[8192], Arrays.copyOfRange(a, 0, 8192)), "unwritten range is a hole");
            assertArrayEquals(Arrays.copyOfRange(t.payload, 16_384, 16_384 + 8192), Files.readAllBytes(dir.resolve("t/b.bin")));
        }
    }

    @Test
    void regionsListFileRangesAndPaddingAsZeros() throws Exception {
        TestTorrent t = spanning();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            List<FileRegion> r = s.regions(0, 9_000, 10_000);
            assertEquals(List.of(new FileRegion(dir.resolve("t/a.bin"), 9_000, 1_000), FileRegion.zeros(6_384),
                    new FileRegion(dir.resolve("t/b.bin"), 0, 2_616)), r);
            List<FileRegion> tail = s.regions(1, 100, 100);
            assertEquals(List.of(new FileRegion(dir.resolve("t/b.bin"), 16_384 + 100, 100)), tail);
        }
    }

    @Test
    void writesIntoPaddingAreDroppedAndReadAsZeros() throws Exception {
        TestTorrent t = spanning();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            byte[] junk = new byte[4096];
            Arrays.fill(junk, (byte) 0x5A);
            s.writeBlock(0, 11_000, ByteBuffer.wrap(junk));
            ByteBuffer back = ByteBuffer.allocateDirect(4096);
            s.readBlock(0, 11_000, 4096, back);
            back.flip();
            while (back.hasRemaining()) {
                assertEquals(0, back.get());
            }
            assertFalse(Files.exists(dir.resolve(".pad")));
        }
    }

    @Test
    void blocksWrittenInRandomOrderAllVerify() throws Exception {
        TestTorrent t = TestTorrent.builder(64 * 1024)
                .file(100_003, "x", "one")
                .file(1, "x", "two")
                .file(0, "x", "three")
                .file(77_777, "y", "four")
                .padToPiece()
                .file(200_000, "five")
                .build(2);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            t.writeAll(s, new Random(3));
            PieceHasher h = new PieceHasher(s, t.hashes);
            for (int p = 0; p < t.geometry().pieceCount(); p++) {
                assertTrue(h.verify(p), "piece " + p);
            }
            for (int f : new int[] {0, 1, 3, 5}) {
                assertArrayEquals(t.fileBytes(f), Files.readAllBytes(s.path(f)), "file " + f);
            }
        }
    }

    @Test
    void readOfMissingFileIsMissingFileAndPastEndIsShortFile() throws Exception {
        TestTorrent t = TestTorrent.builder(16 * 1024).file(40_000, "a").file(40_000, "b").build(4);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            StorageException missing = assertThrows(StorageException.class, () -> s.readBlock(0, 0, 100, buf));
            assertEquals(Kind.MISSING_FILE, missing.kind());
            assertEquals(0, missing.fileIndex());

            s.writeBlock(0, 0, t.bytes(0, 0, 1000)); // a is now 1000 bytes long
            buf.clear();
            StorageException shortFile = assertThrows(StorageException.class, () -> s.readBlock(0, 0, 2000, buf));
            assertEquals(Kind.SHORT_FILE, shortFile.kind());
            assertEquals(1000, s.fileLength(0));
            assertEquals(-1, s.fileLength(1));
            assertFalse(s.exists(1));
        }
    }

    @Test
    void rejectsRangesOutsideThePiece() throws Exception {
        TestTorrent t = TestTorrent.builder(16 * 1024).file(20_000, "a").build(5);
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            ByteBuffer buf = ByteBuffer.allocate(20_000);
            assertThrows(IllegalArgumentException.class, () -> s.readBlock(1, 3_000, 1_000, buf)); // last piece is 3616 bytes
            assertThrows(IllegalArgumentException.class, () -> s.readBlock(2, 0, 1, buf));
            assertThrows(IllegalArgumentException.class, () -> s.writeBlock(0, -1, ByteBuffer.allocate(1)));
            assertThrows(IllegalArgumentException.class, () -> s.readBlock(0, 0, 10, ByteBuffer.allocate(5)));
            assertFalse(Files.exists(dir.resolve("a")));
        }
    }

    @Test
    void createEmptyFilesCreatesOnlyZeroLengthFiles() throws Exception {
        TestTorrent t = spanning();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            s.createEmptyFiles();
            assertTrue(Files.isRegularFile(dir.resolve("t/empty.txt")));
            assertEquals(0, Files.size(dir.resolve("t/empty.txt")));
            assertFalse(Files.exists(dir.resolve("t/a.bin")));
        }
    }

    @Test
    void closedStorageRefusesIo() throws Exception {
        TestTorrent t = spanning();
        FileStorage s = new FileStorage(dir, t.layout);
        s.writeBlock(0, 0, t.bytes(0, 0, 100));
        s.close();
        assertEquals(0, s.handles().openCount());
        StorageException e = assertThrows(StorageException.class, () -> s.writeBlock(0, 0, t.bytes(0, 0, 100)));
        assertEquals(Kind.CLOSED, e.kind());
        s.close(); // idempotent
    }

    @Test
    void syncAndFlushSucceedAfterWritesAndRejectUnknownFiles() throws Exception {
        TestTorrent t = spanning();
        try (FileStorage s = new FileStorage(dir, t.layout)) {
            s.writeBlock(0, 0, t.bytes(0, 0, 16384));
            s.sync(java.util.Set.of(0, 3));
            s.writeBlock(1, 0, t.bytes(1, 0, 16384));
            s.flush();
            assertThrows(IllegalArgumentException.class, () -> s.sync(java.util.Set.of(7)));
        }
    }
}
