package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.FileSessionStoreTest.hashes;
import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.app.persistence.FaultyIo.Fault;
import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RELIABILITY #25/#27 at the store level: each file-system step of add, saveResume, remove and
 * saveSettings in turn fails (EIO, ENOSPC) or crashes (before or after the step). A restart must
 * then see the session before or after the operation, complete: never a damaged torrent, never a
 * torrent without its resume data, and no temporary files after open.
 */
class FileSessionStoreFaultTest {
    static final TestTorrents A = FileSessionStoreTest.A;
    static final TestTorrents B = FileSessionStoreTest.B;

    private static int runs;
    private static int badLoads;

    @TempDir
    Path root;

    private interface Operation {
        void run(FileSessionStore s) throws Exception;
    }

    /**
     * Runs {@code op} on a session holding A (resume uploaded = 1), once without a fault to count
     * its steps, then with a fault at each step, and checks what a restart loads.
     */
    private void sweep(String name, Fault fault, Operation op, List<InfoHash> before, List<InfoHash> after,
                       long uploadedAfter) throws Exception {
        int steps = run(root.resolve(name + "-count"), new FaultyIo(), op, null);
        assertTrue(steps > 5, name + " has " + steps + " steps");
        for (int k = 0; k < steps; k++) {
            Path dir = root.resolve(name + "-" + fault + "-" + k);
            FaultyIo io = new FaultyIo(k, fault);
            run(dir, io, op, fault);
            assertTrue(io.fired(), name + " step " + k);

            try (FileSessionStore s = new FileSessionStore(dir)) {
                s.open();
                try (Stream<Path> all = Files.walk(dir)) {
                    assertEquals(List.of(), all.filter(p -> p.toString().contains(".tmp-")).toList());
                }
                List<StoredTorrent> loaded = s.load();
                runs++;
                List<InfoHash> got = hashes(loaded);
                boolean ok = (got.equals(before) || got.equals(after)) && s.lastLoad().damaged().isEmpty()
                        && loaded.stream().allMatch(t -> t.resume() != null && t.problem() == null);
                if (!ok) {
                    badLoads++;
                }
                String where = name + ", " + fault + " at step " + k + " (" + io.steps().get(k) + "): " + s.lastLoad();
                assertTrue(got.equals(before) || got.equals(after), where + " loaded " + got);
                assertEquals(List.of(), s.lastLoad().damaged(), where);
                for (StoredTorrent t : loaded) {
                    assertNotNull(t.resume(), where);
                    assertNull(t.problem(), where);
                    if (t.infoHash().equals(A.hash())) {
                        long up = t.resume().uploadedTotal();
                        assertTrue(up == 1 || up == uploadedAfter, where + " uploaded " + up);
                    }
                }
                // The session keeps working after the fault.
                s.saveResume(A.resume(100, 1, 77));
            }
        }
    }

    /** Sets up A with the plain file system, then runs {@code op} through {@code io}; returns the steps used. */
    private static int run(Path dir, FaultyIo io, Operation op, Fault fault) throws Exception {
        try (FileSessionStore s = new FileSessionStore(dir)) {
            s.open();
            s.load();
            s.add(A.hash(), A.bytes(), A.resume(100, 1, 1));
        }
        try (FileSessionStore s = new FileSessionStore(dir, io)) {
            s.open();
            s.load();
            if (fault == null) {
                op.run(s);
            } else if (fault == Fault.CRASH_BEFORE || fault == Fault.CRASH_AFTER) {
                assertThrows(FaultyIo.Crash.class, () -> op.run(s));
            } else {
                try {
                    op.run(s);
                    // Only the deletion of a removed torrent's files may fail quietly: the list
                    // already says "removing", and the next start finishes the job.
                    // (The list write has 7 steps; the folder syncs of the deletion come after.)
                    assertTrue(io.failAt() >= 7 && io.steps().get(io.failAt()).equals("syncDir"),
                            "a fault at step " + io.failAt() + " of " + io.steps() + " went unreported");
                } catch (PersistenceException e) {
                    assertTrue(e.getMessage().contains(fault == Fault.ENOSPC ? "no space left on device" : "I/O error"),
                            e.getMessage());
                }
            }
        }
        return io.steps().size();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"EIO", "ENOSPC", "CRASH_BEFORE", "CRASH_AFTER"})
    void addIsAllOrNothing(Fault fault) throws Exception {
        sweep("add", fault, s -> s.add(B.hash(), B.bytes(), B.resume(200)), List.of(A.hash()), List.of(A.hash(), B.hash()), 1);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"EIO", "ENOSPC", "CRASH_BEFORE", "CRASH_AFTER"})
    void removeIsAllOrNothing(Fault fault) throws Exception {
        sweep("remove", fault, s -> s.remove(A.hash()), List.of(A.hash()), List.of(), 1);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"EIO", "ENOSPC", "CRASH_BEFORE", "CRASH_AFTER"})
    void saveResumeKeepsTheOldOrTheNewResumeData(Fault fault) throws Exception {
        sweep("resume", fault, s -> s.saveResume(A.resume(100, 2, 2)), List.of(A.hash()), List.of(A.hash()), 2);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"EIO", "ENOSPC", "CRASH_BEFORE", "CRASH_AFTER"})
    void saveSettingsKeepsTheOldOrTheNewSettings(Fault fault) throws Exception {
        Operation op = s -> {
            s.saveSettings(new SessionSettings(1, 1));
            s.saveSettings(new SessionSettings(2, 2));
        };
        int steps = run(root.resolve("settings-count"), new FaultyIo(), op, null);
        for (int k = 0; k < steps; k++) {
            Path dir = root.resolve("settings-" + fault + "-" + k);
            run(dir, new FaultyIo(k, fault), op, fault);
            try (FileSessionStore s = new FileSessionStore(dir)) {
                s.open();
                SessionSettings got = s.loadSettings();
                runs++;
                assertTrue(List.of(SessionSettings.DEFAULTS, new SessionSettings(1, 1), new SessionSettings(2, 2)).contains(got),
                        "step " + k + ": " + got);
            }
        }
    }

    /** add = resume (5 steps), .torrent (5), list (7): the list rename is step 14, its folder sync step 16. */
    @Test
    void anAddWhoseListIsInPlaceButNotSyncedKeepsTheTorrent() throws Exception {
        Path dir = root.resolve("unconfirmed");
        try (FileSessionStore s = FileSessionStoreTest.loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(100));
        }
        try (FileSessionStore s = new FileSessionStore(dir, new FaultyIo(16, Fault.EIO))) {
            s.open();
            s.load();
            assertThrows(UnconfirmedSaveException.class, () -> s.add(B.hash(), B.bytes(), B.resume(200, 2, 5)));
            s.saveResume(B.resume(200, 3, 6)); // still in the session
        }
        try (FileSessionStore s = FileSessionStoreTest.opened(dir)) {
            List<StoredTorrent> loaded = s.load();
            assertEquals(List.of(A.hash(), B.hash()), hashes(loaded));
            assertEquals(6, loaded.get(1).resume().uploadedTotal());
        }
    }

    @Test
    void anAddWhoseListWasNotReplacedForgetsTheTorrent() throws Exception {
        Path dir = root.resolve("failed");
        try (FileSessionStore s = FileSessionStoreTest.loaded(dir)) {
            s.add(A.hash(), A.bytes(), A.resume(100));
        }
        try (FileSessionStore s = new FileSessionStore(dir, new FaultyIo(14, Fault.EIO))) {
            s.open();
            s.load();
            PersistenceException e = assertThrows(PersistenceException.class, () -> s.add(B.hash(), B.bytes(), B.resume(200)));
            assertFalse(e instanceof UnconfirmedSaveException, e.toString());
            s.saveResume(B.resume(200, 3, 6)); // not in the session: ignored
            s.add(TestTorrents.create(3).hash(), TestTorrents.create(3).bytes(), TestTorrents.create(3).resume(300));
        }
        assertFalse(Files.exists(dir.resolve("torrents/" + B.hash().toHex() + ".torrent")));
        assertFalse(Files.exists(dir.resolve("resume/" + B.hash().toHex() + ".resume")));
        try (FileSessionStore s = FileSessionStoreTest.opened(dir)) {
            assertEquals(List.of(A.hash(), TestTorrents.create(3).hash()), hashes(s.load()));
            assertTrue(s.lastLoad().clean(), s.lastLoad().toString());
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("FileSessionStore fault injection: %d restarts after a fault, bad loads = %d%n", runs, badLoads);
    }
}
