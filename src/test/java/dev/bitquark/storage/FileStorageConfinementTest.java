package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.TorrentGeometry;
import dev.bitquark.storage.StorageException.Kind;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: a symbolic link inside the download folder let a move (and writes and deletes) reach outside it,
 * because only the path's text was checked. With a confinement folder (the download folder), every write, move and
 * delete is checked after links are resolved, at the time it happens: a link planted after the torrent was added
 * leads nowhere.
 */
class FileStorageConfinementTest {
    @TempDir
    Path dir;

    private static StorageLayout oneFile(String... path) {
        return new StorageLayout(new TorrentGeometry(100, 16384), List.of(new StorageFile(0, List.of(path), 100, 0, false)));
    }

    private static void assertEmpty(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "nothing may appear outside the download folder");
        }
    }

    private static ByteBuffer data() {
        ByteBuffer b = ByteBuffer.allocate(100);
        for (int i = 0; i < 100; i++) {
            b.put((byte) i);
        }
        return b.flip();
    }

    @Test
    void aLinkPlantedAboveTheRootAfterTheTorrentWasAddedLeadsNowhere() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        // The save folder downloads/movies was fine when the torrent was added; a link replaces it later.
        try (FileStorage s = new FileStorage(downloads.resolve("movies"), oneFile("t", "f.bin"), 8, downloads)) {
            Files.createSymbolicLink(downloads.resolve("movies"), outside);
            StorageException e = assertThrows(StorageException.class, () -> s.writeBlock(0, 0, data()));
            assertEquals(Kind.PATH_ESCAPE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("outside the download folder"), e.getMessage());
        }
        assertEmpty(outside);
    }

    @Test
    void aLinkThatStaysInsideTheDownloadFolderIsFine() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path real = Files.createDirectories(downloads.resolve("disk2/movies"));
        Files.createSymbolicLink(downloads.resolve("movies"), real);
        try (FileStorage s = new FileStorage(downloads.resolve("movies"), oneFile("t", "f.bin"), 8, downloads)) {
            s.writeBlock(0, 0, data());
        }
        assertEquals(100, Files.size(real.resolve("t/f.bin")));
    }

    @Test
    void aMoveThroughALinkIsRefusedAndTheFilesStay() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(downloads.resolve("escape"), outside);
        try (FileStorage s = new FileStorage(downloads.resolve("a"), oneFile("f.bin"), 8, downloads)) {
            s.writeBlock(0, 0, data());
            s.flush();
            StorageException e = assertThrows(StorageException.class, () -> s.moveTo(downloads.resolve("escape/x")));
            assertEquals(Kind.PATH_ESCAPE, e.kind(), e.getMessage());
            StorageException lexical = assertThrows(StorageException.class, () -> s.moveTo(dir.resolve("elsewhere")));
            assertEquals(Kind.PATH_ESCAPE, lexical.kind(), lexical.getMessage());
            assertEquals(downloads.resolve("a"), s.root());
        }
        assertEquals(100, Files.size(downloads.resolve("a/f.bin")), "the old copy stays complete");
        assertEmpty(outside);
    }

    @Test
    void deletingFilesNeverFollowsALinkPlantedSince() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(Files.createDirectories(outside.resolve("t")).resolve("f.bin"), "precious");
        try (FileStorage s = new FileStorage(downloads.resolve("a"), oneFile("t", "f.bin"), 8, downloads)) {
            s.writeBlock(0, 0, data());
            s.flush();
            // The folder is swapped for a link to a place holding a file of the same name.
            Path moved = Files.move(downloads.resolve("a"), dir.resolve("kept"));
            Files.createSymbolicLink(downloads.resolve("a"), outside);
            StorageException e = assertThrows(StorageException.class, s::deleteFiles);
            assertEquals(Kind.PATH_ESCAPE, e.kind(), e.getMessage());
            assertTrue(Files.exists(moved.resolve("t/f.bin")));
        }
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void aRootOutsideTheDownloadFolderIsReadButNeverWritten() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path old = Files.createDirectories(dir.resolve("old-downloads"));
        Files.write(old.resolve("f.bin"), new byte[100]);
        try (FileStorage s = new FileStorage(old, oneFile("f.bin"), 8, downloads)) {
            ByteBuffer read = ByteBuffer.allocate(100);
            s.readBlock(0, 0, 100, read);
            assertEquals(100, read.position());
            StorageException e = assertThrows(StorageException.class, () -> s.writeBlock(0, 0, data()));
            assertEquals(Kind.PATH_ESCAPE, e.kind(), e.getMessage());
        }
    }
}
