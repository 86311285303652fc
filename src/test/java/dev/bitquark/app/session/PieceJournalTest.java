package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceJournalTest {
    static final InfoHash H = InfoHash.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
    static final int PIECES = 20;

    @TempDir
    Path dir;

    static ResumeData resume(int[] have, int[] unsynced) {
        return new ResumeData(H, Path.of("/d"), PIECES, bits(have).toBytes(), List.of(FilePriority.NORMAL),
                new long[] {1}, new long[] {2}, 3, 4, 5, 0, false, false, 0, 0, null, bits(unsynced).toBytes());
    }

    static Bitfield bits(int... pieces) {
        Bitfield b = new Bitfield(PIECES);
        for (int p : pieces) {
            b.set(p);
        }
        return b;
    }

    static int[] set(byte[] wire) {
        Bitfield b = Bitfield.fromBytes(wire, PIECES);
        return IntStream.range(0, PIECES).filter(b::get).toArray();
    }

    @Test
    void appendedPiecesComeBackAsUnsyncedExceptThoseAlreadyHad() {
        try (PieceJournal j = new PieceJournal(dir)) {
            j.append(H, new int[] {4, 5, 6, 0}, 3);
            j.append(H, new int[] {9}, 1);
        }
        ResumeData merged = new PieceJournal(dir).merge(resume(new int[] {0, 1, 5}, new int[] {2}));
        assertArrayEquals(new int[] {0, 1, 5}, set(merged.have()), "durable pieces unchanged");
        assertArrayEquals(new int[] {2, 4, 6, 9}, set(merged.unsynced()), "journal pieces to hash again");
    }

    @Test
    void withoutAJournalTheResumeDataIsUnchanged() {
        ResumeData r = resume(new int[] {1}, new int[0]);
        assertSame(r, new PieceJournal(dir).merge(r));
    }

    @Test
    void aTornOrHostileJournalIsReadLenientlyAndWithinTheTorrentsPieces() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * 6 + 2);
        b.putInt(3).putInt(-1).putInt(PIECES).putInt(Integer.MAX_VALUE).putInt(3).putInt(7).put((byte) 0).put((byte) 0);
        Files.write(dir.resolve(H.toHex() + ".pieces"), b.array());
        ResumeData merged = new PieceJournal(dir).merge(resume(new int[0], new int[0]));
        assertArrayEquals(new int[] {3, 7}, set(merged.unsynced()), "out-of-range indexes and the torn tail ignored");
    }

    @Test
    void aHugeJournalIsReadOnlyUpToItsBound() throws Exception {
        // 8 bytes per piece are read at most: a journal of a million entries costs no more than that.
        ByteBuffer b = ByteBuffer.allocate(4 * 1_000_000);
        b.putInt(1);
        while (b.hasRemaining()) {
            b.putInt(1);
        }
        b.putInt(4 * 999_999, 2); // past the bound: never read
        Files.write(dir.resolve(H.toHex() + ".pieces"), b.array());
        ResumeData merged = new PieceJournal(dir).merge(resume(new int[0], new int[0]));
        assertArrayEquals(new int[] {1}, set(merged.unsynced()));
    }

    @Test
    void savingResumeDataThatCoversTheJournalEmptiesIt() throws Exception {
        Path file = dir.resolve(H.toHex() + ".pieces");
        try (PieceJournal j = new PieceJournal(dir)) {
            j.append(H, new int[] {1, 2, 3}, 3);
            j.saved(resume(new int[] {1}, new int[] {2, 3}));
            assertEquals(0, Files.size(file));
            j.append(H, new int[] {4}, 1);
            // Resume data taken before piece 5 was appended: 5 stays in the journal.
            j.append(H, new int[] {5}, 1);
            j.saved(resume(new int[] {1, 2, 3}, new int[] {4}));
            assertEquals(4, Files.size(file));
        }
        ResumeData merged = new PieceJournal(dir).merge(resume(new int[] {1, 2, 3}, new int[] {4}));
        assertArrayEquals(new int[] {4, 5}, set(merged.unsynced()));
    }

    @Test
    void aFreshRunDropsTheJournalOfThePreviousRunAtItsFirstSave() {
        try (PieceJournal j = new PieceJournal(dir)) {
            j.append(H, new int[] {8}, 1);
        }
        try (PieceJournal next = new PieceJournal(dir)) {
            ResumeData restored = next.merge(resume(new int[0], new int[0]));
            next.saved(restored);
        }
        assertFalse(Files.exists(dir.resolve(H.toHex() + ".pieces")));
    }

    @Test
    void removingATorrentDeletesItsJournal() {
        try (PieceJournal j = new PieceJournal(dir)) {
            j.append(H, new int[] {8}, 1);
            assertTrue(Files.exists(dir.resolve(H.toHex() + ".pieces")));
            j.remove(H);
        }
        assertFalse(Files.exists(dir.resolve(H.toHex() + ".pieces")));
    }

    @Test
    void manyTorrentsKeepABoundedNumberOfFilesOpenAndLoseNothing() {
        try (PieceJournal j = new PieceJournal(dir)) {
            for (int t = 0; t < 100; t++) {
                byte[] h = new byte[20];
                Arrays.fill(h, (byte) t);
                j.append(InfoHash.of(h), new int[] {t % PIECES}, 1);
            }
            for (int t = 0; t < 100; t++) {
                byte[] h = new byte[20];
                Arrays.fill(h, (byte) t);
                ResumeData r = new ResumeData(InfoHash.of(h), Path.of("/d"), PIECES, new byte[3], List.of(),
                        new long[0], new long[0], 0, 0, 0, 0, false, false, 0, 0, null, new byte[3]);
                assertArrayEquals(new int[] {t % PIECES}, set(j.merge(r).unsynced()), "torrent " + t);
            }
        }
    }
}
