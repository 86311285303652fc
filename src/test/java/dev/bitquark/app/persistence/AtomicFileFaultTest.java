package dev.bitquark.app.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.app.persistence.AtomicFile.Generation;
import dev.bitquark.app.persistence.FaultyIo.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY #27: a fault at each step of a save (create, write, force, link, move, move of the
 * previous generation, folder sync), as an I/O error, a full disk, a partial write, or a crash just
 * before or just after the step. Afterwards a load must yield the complete old or new state, never
 * anything else, and no temporary file may remain (after the start-up cleanup, for crashes).
 */
class AtomicFileFaultTest {
    static final byte[] OLDER = "generation 1".getBytes(UTF_8);
    static final byte[] OLD = "generation 2, the one before the save".getBytes(UTF_8);
    static final byte[] NEW = "generation 3, the one being saved when the fault hits".getBytes(UTF_8);
    /** create, write, force, link, move, move, syncDir (see AtomicFileTest#aSaveFollowsTheRecipeOrder). */
    static final int STEPS = 7;
    /** Index of the rename of the new file over the current one. */
    static final int MAIN_MOVE = 4;

    private static int runs;
    private static int corruptLoads;

    @TempDir
    Path dir;

    static Stream<Arguments> faults() {
        return faults(STEPS);
    }

    /** A first save has no current file to keep: create, write, force, move, syncDir. */
    static Stream<Arguments> firstSaveFaults() {
        return faults(5);
    }

    private static Stream<Arguments> faults(int steps) {
        List<Arguments> out = new ArrayList<>();
        for (Fault f : Fault.values()) {
            for (int step = 0; step < steps; step++) {
                if (f == Fault.PARTIAL_WRITE && step != 1) {
                    continue;
                }
                out.add(Arguments.of(f, step));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @MethodSource("faults")
    void aFaultAtAnyStepLeavesTheOldOrTheNewStateComplete(Fault fault, int step) throws Exception {
        Path path = dir.resolve("state.bq");
        AtomicFile plain = new AtomicFile(path);
        plain.write(OLDER);
        plain.write(OLD);

        FaultyIo io = new FaultyIo(step, fault);
        AtomicFile faulty = new AtomicFile(path, io);
        boolean crash = fault == Fault.CRASH_BEFORE || fault == Fault.CRASH_AFTER;
        if (crash) {
            assertThrows(FaultyIo.Crash.class, () -> faulty.write(NEW));
            AtomicFile.cleanup(dir); // what the next start does first
        } else {
            PersistenceException e = assertThrows(PersistenceException.class, () -> faulty.write(NEW));
            assertTrue(e.getMessage().contains(fault == Fault.EIO ? "I/O error" : "no space left on device"),
                    e.getMessage());
            assertEquals(step > MAIN_MOVE, e instanceof UnconfirmedSaveException, "after the rename: " + e);
        }
        assertTrue(io.fired(), io.steps().toString());
        assertEquals(List.of(), tmpFiles(), "temporary files left behind");

        // The state a restart sees: the old one if the rename over the current file did not happen.
        boolean renamed = step > MAIN_MOVE || (step == MAIN_MOVE && fault == Fault.CRASH_AFTER);
        AtomicFile.Loaded<byte[]> l = new AtomicFile(path).read();
        runs++;
        if (l.generation() != Generation.CURRENT || l.damaged()) {
            corruptLoads++;
        }
        assertEquals(Generation.CURRENT, l.generation(), l.problems().toString());
        assertEquals(new String(renamed ? NEW : OLD, UTF_8), new String(l.value(), UTF_8));
        // The previous generation is complete too: the one before the state now current.
        byte[] previous = AtomicFile.unframe(Files.readAllBytes(plain.previousPath()));
        boolean previousRotated = step > MAIN_MOVE + 1 || (step == MAIN_MOVE + 1 && fault == Fault.CRASH_AFTER);
        assertEquals(new String(previousRotated ? OLD : OLDER, UTF_8), new String(previous, UTF_8));

        // And the next save works.
        plain.write("after the fault".getBytes(UTF_8));
        assertEquals("after the fault", new String(plain.read().value(), UTF_8));
    }

    @ParameterizedTest(name = "{0} at step {1}")
    @MethodSource("firstSaveFaults")
    void aFaultDuringTheFirstSaveLeavesNothingOrTheNewState(Fault fault, int step) throws Exception {
        Path path = dir.resolve("state.bq");
        FaultyIo io = new FaultyIo(step, fault);
        AtomicFile faulty = new AtomicFile(path, io);
        Throwable t = assertThrows(Throwable.class, () -> faulty.write(NEW));
        assertTrue(t instanceof PersistenceException || t instanceof FaultyIo.Crash, t.toString());
        assertTrue(io.fired());
        AtomicFile.cleanup(dir);
        assertEquals(List.of(), tmpFiles());
        AtomicFile.Loaded<byte[]> l = new AtomicFile(path).read();
        boolean renamed = step > 3 || (step == 3 && fault == Fault.CRASH_AFTER);
        if (renamed) {
            assertArrayEquals(NEW, l.value());
        } else {
            assertNull(l.value());
            assertFalse(l.damaged(), "nothing saved is not damage: " + l.problems());
        }
    }

    @Test
    void aFailedWriteOnceLeavesNoFileBehind() throws Exception {
        Path target = dir.resolve("t.torrent");
        for (int step = 0; step < 3; step++) {
            FaultyIo io = new FaultyIo(step, Fault.ENOSPC);
            PersistenceException e = assertThrows(PersistenceException.class, () -> AtomicFile.writeOnce(target, NEW, io));
            assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
            assertFalse(Files.exists(target));
            assertEquals(List.of(), tmpFiles());
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("AtomicFile fault injection: %d runs (%d faults x %d steps, partial write at the write step), "
                + "corrupt loads = %d%n", runs, Fault.values().length - 1, STEPS, corruptLoads);
    }

    private List<Path> tmpFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
        }
    }
}
