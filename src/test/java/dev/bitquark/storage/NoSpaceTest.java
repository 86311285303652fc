package dev.bitquark.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.Tmpfs;

/** A full disk (a 1 MiB tmpfs; needs root and mount rights, else skipped). */
class NoSpaceTest {
    @TempDir
    Path dir;

    private Tmpfs tmpfs;
    private Path mount;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        tmpfs = Tmpfs.mount(dir.resolve("tiny"), "1m");
        mount = tmpfs.path();
    }

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    @Test
    void fullDiskIsReportedAsNoSpace() throws Exception {
        TestTorrent t = TestTorrent.builder(256 * 1024).file(2 * 1024 * 1024, "big.bin").build(50);
        try (FileStorage s = new FileStorage(mount.resolve("root"), t.layout)) {
            StorageException e = assertThrows(StorageException.class, () -> t.writeAll(s, new Random(51)));
            assertEquals(Kind.NO_SPACE, e.kind(), e.getMessage());
            assertEquals(0, e.fileIndex());
        }
    }

    @Test
    void moveThatRunsOutOfSpaceLeavesTheOldCopyAndNoPartialOne() throws Exception {
        TestTorrent t = TestTorrent.builder(64 * 1024).file(600 * 1024, "t", "a").file(600 * 1024, "t", "b").build(52);
        Path oldRoot = dir.resolve("old");
        try (FileStorage s = new FileStorage(oldRoot, t.layout)) {
            t.writeAll(s, new Random(53));
            StorageException e = assertThrows(StorageException.class, () -> s.moveTo(mount.resolve("new")));
            assertEquals(Kind.NO_SPACE, e.kind(), e.getMessage());
            assertEquals(oldRoot, s.root());
            assertFalse(Files.exists(mount.resolve("new")), "partial copies and created directories are removed");
            assertArrayEquals(t.fileBytes(0), Files.readAllBytes(oldRoot.resolve("t/a")));
            assertArrayEquals(t.fileBytes(1), Files.readAllBytes(oldRoot.resolve("t/b")));
        }
    }
}
