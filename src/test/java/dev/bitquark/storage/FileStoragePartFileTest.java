package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skipped files and the part file at the storage level: a skipped file is never created, its bytes in shared
 * pieces read back from the part file (also after a reopen), move into the file when it is wanted again, and a
 * damaged part file is not trusted.
 */
class FileStoragePartFileTest {
    private static final int PIECE = 16384;

    @TempDir
    Path dir;

    /** a: 1.5 pieces, b: 17 bytes, c: 2 pieces + 10: b shares piece 1 with a and c. */
    private static TestTorrent torrent() {
        return TestTorrent.builder(PIECE).file(PIECE + PIECE / 2, "t", "a").file(17, "t", "b")
                .file(2 * PIECE + 10, "t", "c").build(42);
    }

    private static byte[] piece(FileStorage s, TestTorrent t, int piece) throws Exception {
        int size = t.geometry().pieceSize(piece);
        ByteBuffer b = ByteBuffer.allocate(size);
        s.readBlock(piece, 0, size, b);
        return b.array();
    }

    @Test
    void aSkippedFileIsNeverCreatedAndItsSharedBytesReadBack() throws Exception {
        TestTorrent t = torrent();
        Path root = dir.resolve("root");
        try (FileStorage s = new FileStorage(root, t.layout, 8, null, ".x.parts")) {
            s.setSkipped(new boolean[] {false, true, false});
            t.writeAll(s, new Random(1));
            s.flush();
            assertFalse(Files.exists(root.resolve("t/b")), "the skipped file is not on disk");
            assertTrue(Files.exists(root.resolve(".x.parts")));
            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(root.resolve("t/a")));
            assertArrayEquals(t.fileBytes(2), Files.readAllBytes(root.resolve("t/c")));
            PieceHasher h = new PieceHasher(s, t.hashes);
            for (int p = 0; p < t.geometry().pieceCount(); p++) {
                assertTrue(h.verify(p), "piece " + p + " reads whole, b's bytes from the part file");
            }
            assertNull(s.regions(1, 0, PIECE), "a block with part-file bytes is read, not sent as a file region");
            assertEquals(17, s.fileLength(1), "read like a sparse file of full length");
        }
        // Reopened (a restart): the part file's index is read back.
        try (FileStorage s = new FileStorage(root, t.layout, 8, null, ".x.parts")) {
            s.setSkipped(new boolean[] {false, true, false});
            assertArrayEquals(t.pieceBytes(1), piece(s, t, 1));
            s.unskip(1);
            assertArrayEquals(t.fileBytes(1), Files.readAllBytes(root.resolve("t/b")));
            assertFalse(Files.exists(root.resolve(".x.parts")), "no slot left: the part file goes");
            assertArrayEquals(t.pieceBytes(1), piece(s, t, 1));
        }
    }

    @Test
    void aFileSkippedLaterLeavesTheDiskOnlyWhenTold() throws Exception {
        TestTorrent t = torrent();
        Path root = dir.resolve("root");
        try (FileStorage s = new FileStorage(root, t.layout, 8, null, ".x.parts")) {
            s.setSkipped(new boolean[] {false, false, false});
            t.writeAll(s, new Random(2));
            s.skip(2, false);
            assertTrue(Files.exists(root.resolve("t/c")), "it holds data of its own: it stays");
            s.skip(0, true);
            assertFalse(Files.exists(root.resolve("t/a")), "nothing of its own worth keeping: it leaves the disk");
            assertArrayEquals(t.pieceBytes(1), piece(s, t, 1), "its bytes of the shared piece are in the part file");
        }
    }

    @Test
    void aPartFileOfAnotherTorrentOrDamagedIsNotTrusted() throws Exception {
        TestTorrent t = torrent();
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.write(root.resolve(".x.parts"), new byte[] {'B', 'Q', 'P', 'A', 'R', 'T', 'S', '1', 0, 0, 1, 0, 0, 0, 0, 9});
        try (FileStorage s = new FileStorage(root, t.layout, 8, null, ".x.parts")) {
            s.setSkipped(new boolean[] {false, true, false});
            byte[] zeros = new byte[17];
            ByteBuffer b = ByteBuffer.allocate(17);
            s.readBlock(1, PIECE / 2, 17, b);
            assertArrayEquals(zeros, b.array(), "nothing is read from a part file made for other geometry");
            t.writeAll(s, new Random(3));
            assertArrayEquals(t.pieceBytes(1), piece(s, t, 1));
        }
    }
}
