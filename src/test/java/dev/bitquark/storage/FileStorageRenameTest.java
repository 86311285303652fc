package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renaming files of a torrent on disk: the data moves with the file and reads back through the new path, folders
 * left empty go, and nothing is replaced or written outside the root: a name already taken, a {@code ..} part and
 * a folder planted as a link to elsewhere are refused before anything moves.
 */
class FileStorageRenameTest {
    @TempDir
    Path dir;

    private static TestTorrent twoFiles() {
        return TestTorrent.builder(16 * 1024)
                .file(40_000, "Show", "Season 1", "e01.mkv")
                .file(30_000, "Show", "Season 1", "e02.mkv")
                .build(3);
    }

    private static void writeAll(FileStorage s, TestTorrent t) throws Exception {
        for (int p = 0; p < t.geometry().pieceCount(); p++) {
            s.writeBlock(p, 0, t.bytes(p, 0, t.geometry().pieceSize(p)));
        }
    }

    @Test
    void aRenamedFileKeepsItsDataAndReadsBackThroughItsNewPath() throws Exception {
        TestTorrent t = twoFiles();
        Path root = dir.resolve("dl");
        try (FileStorage s = new FileStorage(root, t.layout)) {
            writeAll(s, t);
            s.rename(Map.of(0, List.of("Show", "S01", "Episode 1.mkv"), 1, List.of("Show", "S01", "e02.mkv")));
            assertFalse(Files.exists(root.resolve("Show/Season 1")), "the folder left empty is gone");
            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(root.resolve("Show/S01/Episode 1.mkv")));
            assertArrayEquals(t.fileBytes(1), Files.readAllBytes(root.resolve("Show/S01/e02.mkv")));
            assertEquals(List.of("Show", "S01", "Episode 1.mkv"), s.layout().file(0).path());
            int size = t.geometry().pieceSize(0);
            ByteBuffer back = ByteBuffer.allocate(size);
            s.readBlock(0, 0, size, back);
            assertArrayEquals(Arrays.copyOfRange(t.payload, 0, size), back.array());
            // Writes go to the new path too.
            s.writeBlock(0, 0, t.bytes(0, 0, size));
            assertFalse(Files.exists(root.resolve("Show/Season 1/e01.mkv")));
        }
    }

    @Test
    void aFileNotOnDiskYetJustTakesItsNewPath() throws Exception {
        TestTorrent t = twoFiles();
        Path root = dir.resolve("dl");
        try (FileStorage s = new FileStorage(root, t.layout)) {
            s.rename(Map.of(1, List.of("Show", "later.mkv")));
            s.writeBlock(4, 0, t.bytes(4, 0, t.geometry().pieceSize(4)));
            assertTrue(Files.exists(root.resolve("Show/later.mkv")));
        }
    }

    @Test
    void takenNamesDotDotAndLinksOutAreRefusedBeforeAnythingMoves() throws Exception {
        TestTorrent t = twoFiles();
        Path root = dir.resolve("dl");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        try (FileStorage s = new FileStorage(root, t.layout, 8, root)) {
            writeAll(s, t);
            StorageException taken = assertThrows(StorageException.class,
                    () -> s.rename(Map.of(0, List.of("Show", "Season 1", "e02.mkv"))));
            assertEquals(StorageException.Kind.PATH_CONFLICT, taken.kind());
            StorageException up = assertThrows(StorageException.class,
                    () -> s.rename(Map.of(0, List.of("Show", "..", "..", "escaped.mkv"))));
            assertEquals(StorageException.Kind.PATH_ESCAPE, up.kind());
            Files.createSymbolicLink(root.resolve("Show").resolve("link"), outside);
            assertThrows(StorageException.class, () -> s.rename(Map.of(0, List.of("Show", "link", "x.mkv"))));
            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(root.resolve("Show/Season 1/e01.mkv")),
                    "nothing moved");
            try (var listing = Files.list(outside)) {
                assertEquals(0, listing.count(), "nothing written outside");
            }
        }
    }
}
