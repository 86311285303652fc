package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.FileSessionStoreTest.A;
import static dev.bitquark.app.persistence.FileSessionStoreTest.B;
import static dev.bitquark.app.persistence.FileSessionStoreTest.C;
import static dev.bitquark.app.persistence.FileSessionStoreTest.hashes;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.Tmpfs;

/**
 * RELIABILITY #26, the config volume: a real ENOSPC from a full 256 KiB tmpfs (needs root and
 * mount rights, else skipped). Every save reports "no space left", the previous state still
 * loads, and once space is freed the saves work again.
 */
class FileSessionStoreNoSpaceTest {
    @TempDir
    Path dir;

    private Tmpfs tmpfs;
    private Path mount;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        tmpfs = Tmpfs.mount(dir.resolve("tiny"), "256k");
        mount = tmpfs.path();
    }

    @AfterEach
    void unmount() throws Exception {
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    /** Writes a file until the file system is full; returns how many bytes fitted. */
    private static long fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < 64L * 1024 * 1024) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            assertTrue(AtomicFile.isNoSpace(String.valueOf(e.getMessage())), e.toString());
            return written;
        }
        throw new AssertionError("the tiny file system never filled up");
    }

    @Test
    void savesOnAFullDiskFailAndLeaveThePreviousStateLoadable() throws Exception {
        Path data = mount.resolve("data");
        SessionSettings before = new SessionSettings(100, 200);
        try (FileSessionStore s = FileSessionStoreTest.loaded(data)) {
            s.add(A.hash(), A.bytes(), A.resume(1, 1, 10));
            s.add(B.hash(), B.bytes(), B.resume(2, 1, 20));
            s.saveSettings(before);

            Path filler = mount.resolve("filler");
            long free = fill(filler);
            System.out.println("filled the tmpfs with " + free + " more bytes");

            for (Executable save : List.<Executable>of(
                    () -> s.saveResume(A.resume(1, 2, 11)),
                    () -> s.add(C.hash(), C.bytes(), C.resume(3)),
                    () -> s.remove(B.hash()),
                    () -> s.saveSettings(new SessionSettings(1, 2)))) {
                PersistenceException e = assertThrows(PersistenceException.class, save::run);
                assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
                assertFalse(e instanceof UnconfirmedSaveException, e.toString());
            }
            try (Stream<Path> all = Files.walk(data)) {
                assertEquals(List.of(), all.filter(p -> p.toString().contains(".tmp-")).toList(), "tmp files removed");
            }
            // The disk is still full: a restart loads the state before the failed saves.
            try (FileSessionStore again = FileSessionStoreTest.opened(data)) {
                List<StoredTorrent> loaded = again.load();
                assertEquals(List.of(A.hash(), B.hash()), hashes(loaded));
                assertEquals(10, loaded.get(0).resume().uploadedTotal());
                assertEquals(20, loaded.get(1).resume().uploadedTotal());
                assertTrue(again.lastLoad().clean(), again.lastLoad().toString());
                assertEquals(before, again.loadSettings());
            }

            Files.delete(filler);
            s.saveResume(A.resume(1, 2, 11));
            s.add(C.hash(), C.bytes(), C.resume(3));
            s.saveSettings(new SessionSettings(1, 2));
        }
        try (FileSessionStore s = FileSessionStoreTest.opened(data)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash(), B.hash(), C.hash()), hashes(loaded));
            assertEquals(11, loaded.getFirst().resume().uploadedTotal());
            assertEquals(new SessionSettings(1, 2), s.loadSettings());
        }
    }

    private interface Executable {
        void run() throws Exception;
    }
}
