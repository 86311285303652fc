package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.StorageException.Kind;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths stay inside the root: escapes, planted links, deletion and moves. */
class FileStorageSafetyTest {
    @TempDir
    Path dir;

    private static StorageLayout oneFile(String... path) {
        return new StorageLayout(new TorrentGeometry(100, 16384), List.of(new StorageFile(0, List.of(path), 100, 0, false)));
    }

    private Path root() throws Exception {
        return Files.createDirectories(dir.resolve("root"));
    }

    private static void assertKind(Kind kind, StorageException e) {
        assertEquals(kind, e.kind(), e.getMessage());
    }

    @Test
    void rejectsDotDotAndSeparatorComponents() throws Exception {
        Path root = root();
        for (String[] path : new String[][] {
            {"..", "evil"}, {"a", "..", "..", "evil"}, {"a/../../evil"}, {"a\\..\\..\\evil"}, {"."}, {""}, {"a", ".."},
            {"/etc/passwd"}, {"nul\0byte"}
        }) {
            StorageException e = assertThrows(StorageException.class, () -> new FileStorage(root, oneFile(path)),
                    String.join("|", path));
            assertKind(Kind.PATH_ESCAPE, e);
        }
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(List.of(root), all.toList(), "nothing was created outside the root");
        }
    }

    @Test
    void rejectsTwoFilesWithOnePathAndFileDirectoryClashes() throws Exception {
        TorrentGeometry g = new TorrentGeometry(20, 16384);
        StorageLayout same = new StorageLayout(g, List.of(
                new StorageFile(0, List.of("a", "b"), 10, 0, false), new StorageFile(1, List.of("a", "b"), 10, 10, false)));
        assertKind(Kind.PATH_CONFLICT, assertThrows(StorageException.class, () -> new FileStorage(dir, same)));
        StorageLayout clash = new StorageLayout(g, List.of(
                new StorageFile(0, List.of("a"), 10, 0, false), new StorageFile(1, List.of("a", "b"), 10, 10, false)));
        assertKind(Kind.PATH_CONFLICT, assertThrows(StorageException.class, () -> new FileStorage(dir, clash)));
    }

    @Test
    void refusesToWriteThroughPlantedDirectoryLink() throws Exception {
        Path root = root();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        try (FileStorage s = new FileStorage(root, oneFile("sub", "f.bin"))) {
            StorageException e = assertThrows(StorageException.class, () -> s.writeBlock(0, 0, ByteBuffer.allocate(100)));
            assertKind(Kind.SYMLINK, e);
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count(), "0 bytes written outside the root");
        }
    }

    @Test
    void refusesToWriteThroughPlantedFileLink() throws Exception {
        Path root = root();
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(root.resolve("f.bin"), victim);
        try (FileStorage s = new FileStorage(root, oneFile("f.bin"))) {
            StorageException e = assertThrows(StorageException.class, () -> s.writeBlock(0, 0, ByteBuffer.allocate(100)));
            assertKind(Kind.SYMLINK, e);
        }
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void deleteFilesRemovesExactlyTheTorrentsFilesAndEmptyDirectories() throws Exception {
        TestTorrent t = TestTorrent.builder(16384)
                .file(5000, "top", "sub", "a")
                .file(5000, "top", "b")
                .file(5000, "top", "deep", "er", "c")
                .file(5000, "top", "never-written")
                .build(7);
        Path root = dir.resolve("root");
        try (FileStorage s = new FileStorage(root, t.layout)) {
            s.writeBlock(0, 0, t.bytes(0, 0, 15000));
            Path foreign = root.resolve("top/sub/foreign.txt");
            Files.writeString(foreign, "not the torrent's");
            assertTrue(s.createdDirectories().containsAll(
                    List.of(root, root.resolve("top"), root.resolve("top/sub"), root.resolve("top/deep/er"))));

            List<Path> deleted = s.deleteFiles();

            assertEquals(List.of(root.resolve("top/sub/a"), root.resolve("top/b"), root.resolve("top/deep/er/c"),
                    root.resolve("top/deep/er"), root.resolve("top/deep")), deleted);
            assertEquals("not the torrent's", Files.readString(foreign));
            assertTrue(Files.isDirectory(root.resolve("top/sub")));
            assertTrue(Files.isDirectory(root.resolve("top")));
            try (Stream<Path> all = Files.walk(root)) {
                assertEquals(List.of(root, root.resolve("top"), root.resolve("top/sub"), foreign), all.sorted().toList());
            }
        }
    }

    @Test
    void deleteFilesLeavesPlantedLinksAndTheirTargets() throws Exception {
        Path root = root();
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(root.resolve("f.bin"), victim);
        try (FileStorage s = new FileStorage(root, oneFile("f.bin"))) {
            assertEquals(List.of(), s.deleteFiles());
        }
        assertTrue(Files.isSymbolicLink(root.resolve("f.bin")));
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void moveToRenamesFilesAndRemovesOldDirectories() throws Exception {
        checkMove(false);
    }

    @Test
    void moveToByCopyKeepsDataAndRemovesOriginals() throws Exception {
        checkMove(true);
    }

    private void checkMove(boolean copy) throws Exception {
        TestTorrent t = TestTorrent.builder(16384).file(30_000, "t", "a").file(30_000, "t", "s", "b").build(8);
        Path oldRoot = dir.resolve("old");
        Path newRoot = dir.resolve("new");
        try (FileStorage s = new FileStorage(oldRoot, t.layout, 4)) {
            t.writeAll(s, new Random(9));
            s.moveTo(newRoot, copy);
            assertEquals(newRoot, s.root());
            assertFalse(Files.exists(oldRoot.resolve("t")), "old layout directories are removed");
            assertFalse(Files.exists(oldRoot), "the old root was created by the storage, so it goes too");
            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(newRoot.resolve("t/a")));
            assertArrayEquals(t.fileBytes(1), Files.readAllBytes(newRoot.resolve("t/s/b")));
            PieceHasher h = new PieceHasher(s, t.hashes);
            for (int p = 0; p < t.geometry().pieceCount(); p++) {
                assertTrue(h.verify(p));
            }
            s.writeBlock(0, 0, t.bytes(0, 0, 10)); // writes go to the new place
            assertEquals(List.of(), s.regions(0, 0, 10).stream().filter(r -> !r.file().startsWith(newRoot)).toList());
        }
    }

    @Test
    void failedMoveLeavesTheOldCopyInUse() throws Exception {
        TestTorrent t = TestTorrent.builder(16384).file(30_000, "a").file(30_000, "b").build(10);
        Path oldRoot = dir.resolve("old");
        Path newRoot = Files.createDirectories(dir.resolve("new"));
        Files.writeString(newRoot.resolve("b"), "already here");
        try (FileStorage s = new FileStorage(oldRoot, t.layout)) {
            t.writeAll(s, new Random(11));
            StorageException e = assertThrows(StorageException.class, () -> s.moveTo(newRoot));
            assertKind(Kind.PATH_CONFLICT, e);
            assertEquals(oldRoot, s.root());
            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(oldRoot.resolve("a")));
            assertArrayEquals(t.fileBytes(1), Files.readAllBytes(oldRoot.resolve("b")));
            assertFalse(Files.exists(newRoot.resolve("a")));
            assertEquals("already here", Files.readString(newRoot.resolve("b")));
            assertTrue(new PieceHasher(s, t.hashes).verify(0));
        }
    }
}
