package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Choosing the pieces of a fast-resume spot check, and deciding whether resume data fits. */
class FastResumeSpotCheckTest {
    private static final int PIECE = 16384;

    /** Three files over 20 pieces: f0 in pieces 0-10, f1 in 10-14 (pieces shared at the seams), f2 in 14-19. */
    private static Metainfo meta() throws Exception {
        return Metainfo.parse(TorrentWriter.multiFile("m").pieceLength(PIECE)
                .addFile(List.of("f0"), new byte[10 * PIECE + 100])
                .addFile(List.of("f1"), new byte[4 * PIECE])
                .addFile(List.of("f2"), new byte[6 * PIECE - 100 - 1])
                .write());
    }

    private static ResumeData resume(Metainfo m, Bitfield have, long[] sizes, long[] mtimes) {
        return new ResumeData(m.infoHash(), Path.of("/tmp"), m.pieceCount(), have.toBytes(),
                Collections.nCopies(m.files().size(), FilePriority.NORMAL), sizes, mtimes, 0, 0, 0, 0, false, false,
                0, 0, null);
    }

    @Test
    void spotCheckTakesEightRandomClaimedPiecesPlusTheLastClaimedPieceOfEachFile() throws Exception {
        Metainfo m = meta();
        Bitfield claimed = Bitfield.full(m.pieceCount());
        claimed.clear(19); // f2's last piece is missing: its last claimed piece is 18
        for (long seed = 0; seed < 50; seed++) {
            Bitfield spot = FastResume.spotCheckPieces(claimed, m, new Random(seed));
            for (int p = spot.nextSet(0); p >= 0; p = spot.nextSet(p + 1)) {
                assertTrue(claimed.get(p), "only claimed pieces are checked: " + p);
            }
            assertTrue(spot.get(10) && spot.get(14) && spot.get(18), "each file's last claimed piece: " + spot);
            assertTrue(spot.cardinality() >= FastResume.SPOT_CHECKS && spot.cardinality() <= FastResume.SPOT_CHECKS + 3,
                    spot.toString());
        }
    }

    @Test
    void spotCheckSamplesDifferentPiecesOverTime() throws Exception {
        Metainfo m = meta();
        Bitfield seen = new Bitfield(m.pieceCount());
        for (long seed = 0; seed < 50; seed++) {
            Bitfield spot = FastResume.spotCheckPieces(Bitfield.full(m.pieceCount()), m, new Random(seed));
            for (int p = spot.nextSet(0); p >= 0; p = spot.nextSet(p + 1)) {
                seen.set(p);
            }
        }
        assertEquals(m.pieceCount(), seen.cardinality(), "every piece gets its turn");
    }

    @Test
    void fewClaimedPiecesAreAllChecked() throws Exception {
        Metainfo m = meta();
        Bitfield claimed = new Bitfield(m.pieceCount());
        claimed.set(3);
        claimed.set(12);
        assertEquals(claimed, FastResume.spotCheckPieces(claimed, m, new Random(1)));
        assertEquals(0, FastResume.spotCheckPieces(new Bitfield(m.pieceCount()), m, new Random(1)).cardinality());
    }

    @Test
    void aCompleteFileMustBeUnchangedWhileAFileInProgressMayGrow() throws Exception {
        Metainfo m = meta();
        Bitfield have = new Bitfield(m.pieceCount());
        for (int p = 0; p <= 2; p++) {
            have.set(p); // f0 in progress
        }
        for (int p = 10; p <= 14; p++) {
            have.set(p); // f1 complete (pieces 10..14)
        }
        // Piece 10 is shared by f0's tail and f1's head, so f0 (sparse) already has its full length.
        // Piece 14 likewise holds f2's first bytes.
        long[] sizes = {10L * PIECE + 100, 4L * PIECE, 16284};
        long[] mtimes = {1000, 2000, 1500};
        ResumeData r = resume(m, have, sizes, mtimes);
        assertNull(FastResume.changedFile(r, new FastResume.FileStamps(sizes.clone(), mtimes.clone()), m));
        // Written after the snapshot (always so after a crash mid-download): not a reason for a full check.
        assertNull(FastResume.changedFile(r, new FastResume.FileStamps(
                new long[] {10L * PIECE + 100, 4L * PIECE, 3L * PIECE}, new long[] {1500, 2000, 1600}), m));
        long[] touched = mtimes.clone();
        touched[1] = 2001;
        String why = FastResume.changedFile(r, new FastResume.FileStamps(sizes.clone(), touched), m);
        assertNotNull(why, "a complete file was modified");
        assertTrue(why.contains("f1"), why);
        String shorter = FastResume.changedFile(r, new FastResume.FileStamps(
                new long[] {2L * PIECE, 4L * PIECE, 16284}, mtimes.clone()), m);
        assertNotNull(shorter, "claimed bytes of a file in progress are gone");
        assertTrue(shorter.contains("f0"), shorter);
        FastResume.FileStamps unknown = FastResume.unknownStamps(3);
        assertNotNull(FastResume.changedFile(resume(m, new Bitfield(m.pieceCount()), unknown.sizes(), unknown.mtimes()),
                new FastResume.FileStamps(sizes, mtimes), m), "unknown stamps never match");
    }

    @Test
    void resumeDataForAnotherShapeIsUnusable() throws Exception {
        Metainfo m = meta();
        long[] three = {0, 0, 0};
        assertNull(FastResume.unusable(resume(m, new Bitfield(m.pieceCount()), three, three), m));
        ResumeData fewerPieces = new ResumeData(m.infoHash(), Path.of("/tmp"), 8, new byte[1],
                Collections.nCopies(3, FilePriority.NORMAL), three, three, 0, 0, 0, 0, false, false, 0, 0, null);
        assertTrue(FastResume.unusable(fewerPieces, m).contains("pieces"));
        ResumeData twoFiles = new ResumeData(m.infoHash(), Path.of("/tmp"), m.pieceCount(),
                new Bitfield(m.pieceCount()).toBytes(), Collections.nCopies(2, FilePriority.NORMAL), new long[2],
                new long[2], 0, 0, 0, 0, false, false, 0, 0, null);
        assertTrue(FastResume.unusable(twoFiles, m).contains("files"));
        byte[] spare = new Bitfield(m.pieceCount()).toBytes();
        spare[spare.length - 1] = (byte) 0xFF; // 20 pieces: the last 4 bits are spare
        ResumeData badBits = new ResumeData(m.infoHash(), Path.of("/tmp"), m.pieceCount(), spare,
                Collections.nCopies(3, FilePriority.NORMAL), three, three, 0, 0, 0, 0, false, false, 0, 0, null);
        assertTrue(FastResume.unusable(badBits, m).contains("bitfield"));
    }
}
