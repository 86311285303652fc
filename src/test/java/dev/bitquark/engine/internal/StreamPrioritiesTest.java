package dev.bitquark.engine.internal;

import static dev.bitquark.engine.internal.PickerScenario.pick;
import static dev.bitquark.engine.internal.PickerScenario.pieces;
import static dev.bitquark.engine.internal.StreamPriorities.EDGE_RANK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which pieces get streaming deadlines for which file selection and readers, and how the picker follows. */
class StreamPrioritiesTest {
    private static final int P = TorrentGeometry.BLOCK_SIZE; // one-block pieces keep the arithmetic visible

    /** Files of the given lengths, back to back. */
    private static List<FileEntry> files(long... lengths) {
        List<FileEntry> out = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            out.add(new FileEntry(i, List.of("f" + i), lengths[i], offset, false, ""));
            offset += lengths[i];
        }
        return out;
    }

    private static TorrentGeometry geometry(List<FileEntry> files) {
        FileEntry last = files.get(files.size() - 1);
        return new TorrentGeometry(last.endOffset(), P);
    }

    private static Map<Integer, Integer> sorted(Map<Integer, Integer> m) {
        return new TreeMap<>(m);
    }

    /** f0: pieces 0..4; f1: 5..8 (ends inside piece 8); f2: 8..10 (starts inside piece 8). */
    private static final List<FileEntry> THREE = files(5L * P, 3L * P + P / 2, 2L * P + P / 2);

    @Test
    void prioritizesFirstAndLastPieceOfEachSelectedFileOnly() {
        StreamPriorities s = new StreamPriorities(geometry(THREE), THREE);
        s.setSelection(new boolean[] {true, false, true});
        assertEquals(Map.of(0, EDGE_RANK, 4, EDGE_RANK + 1, 8, EDGE_RANK, 10, EDGE_RANK + 1), sorted(s.desired()));
        s.setSelection(new boolean[] {false, true, false});
        assertEquals(Map.of(5, EDGE_RANK, 8, EDGE_RANK + 1), sorted(s.desired()));
    }

    @Test
    void emptyFilesAndUnselectedTorrentsGetNoEdgeDeadlines() {
        List<FileEntry> fs = files(2L * P, 0, 2L * P);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setSelection(new boolean[] {false, true, false});
        assertTrue(s.desired().isEmpty());
    }

    @Test
    void selectionChangeMovesTheEdgeDeadlinesInThePicker() {
        PiecePicker picker = new PiecePicker(geometry(THREE), new Random(1));
        StreamPriorities s = new StreamPriorities(geometry(THREE), THREE);
        s.setSelection(new boolean[] {true, false, true});
        s.apply(picker, false);
        assertEquals(EDGE_RANK, picker.pieceDeadline(0));
        assertEquals(EDGE_RANK + 1, picker.pieceDeadline(10));
        assertEquals(-1, picker.pieceDeadline(5));

        s.setSelection(new boolean[] {false, true, false});
        s.apply(picker, false);
        assertEquals(-1, picker.pieceDeadline(0), "f0 is no longer selected");
        assertEquals(-1, picker.pieceDeadline(4));
        assertEquals(-1, picker.pieceDeadline(10));
        assertEquals(EDGE_RANK, picker.pieceDeadline(5));
        assertEquals(EDGE_RANK + 1, picker.pieceDeadline(8), "shared piece 8 is now f1's last piece");
    }

    @Test
    void edgesAreCappedSoThousandsOfSmallFilesDoNotAllBecomeDeadlines() {
        long[] lengths = new long[StreamPriorities.MAX_EDGE_FILES + 50];
        java.util.Arrays.fill(lengths, P);
        List<FileEntry> fs = files(lengths);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        boolean[] all = new boolean[lengths.length];
        java.util.Arrays.fill(all, true);
        s.setSelection(all);
        assertEquals(StreamPriorities.MAX_EDGE_FILES, s.desired().size());
        assertFalse(s.desired().containsKey(lengths.length - 1));
    }

    @Test
    void readerWindowRanksPiecesFromItsPositionOverTheReadAhead() {
        List<FileEntry> fs = files(40L * P);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        assertTrue(s.setWindow(1, 0, 10L * P + P / 2, 100, 8L * P));
        Map<Integer, Integer> expected = new TreeMap<>();
        for (int p = 10; p <= 18; p++) {
            expected.put(p, p - 10);
        }
        assertEquals(expected, sorted(s.desired()), "from the piece holding the position over 8 pieces of read-ahead");
        assertFalse(s.setWindow(1, 0, 10L * P + P / 2 + 10, 100, 8L * P), "same pieces: nothing moved");
    }

    @Test
    void aReadLongerThanTheReadAheadIsCoveredWhole() {
        List<FileEntry> fs = files(40L * P);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setWindow(1, 0, 0, 12L * P, 4L * P);
        assertEquals(12, s.desired().size());
        assertEquals(11, s.desired().get(11));
    }

    @Test
    void readAheadIsAtLeastFourPieces() {
        List<FileEntry> fs = files(40L * P);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setWindow(1, 0, 0, 1, 0);
        assertEquals(Map.of(0, 0, 1, 1, 2, 2, 3, 3), sorted(s.desired()));
    }

    @Test
    void windowStopsAtTheEndOfItsFile() {
        StreamPriorities s = new StreamPriorities(geometry(THREE), THREE);
        s.setWindow(1, 0, 3L * P, 10, 8L * P);
        assertEquals(Map.of(3, 0, 4, 1), sorted(s.desired()));
        s.setWindow(1, 2, 2L * P, 10, 8L * P);
        assertEquals(Map.of(10, 0), sorted(s.desired()), "f2's byte 2P is in the torrent's last piece");
    }

    @Test
    void overlappingReadersKeepTheLowerRankAndReadersRankBeforeEdges() {
        List<FileEntry> fs = files(40L * P);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setSelection(new boolean[] {true});
        s.setWindow(1, 0, 10L * P, 1, 4L * P);
        s.setWindow(2, 0, 12L * P, 1, 4L * P);
        s.setWindow(3, 0, 38L * P, 1, 4L * P);
        Map<Integer, Integer> d = s.desired();
        assertEquals(0, d.get(12), "reader 2 sits on piece 12");
        assertEquals(1, d.get(13));
        assertEquals(3, d.get(15));
        assertEquals(1, d.get(39), "the file's last piece is in reader 3's window");
        assertEquals(EDGE_RANK, d.get(0));
    }

    @Test
    void picksTheReadersPiecesFirstThenTheFileEdgesThenTheRest() {
        List<FileEntry> fs = files(40L * P);
        PiecePicker picker = new PiecePicker(geometry(fs), new Random(3));
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setSelection(new boolean[] {true});
        s.setWindow(1, 0, 20L * P, 1, 4L * P);
        s.apply(picker, false);
        TestPeer seed = TestPeer.seed(picker, 1);
        List<Integer> order = pieces(pick(picker, seed, 7));
        assertEquals(List.of(20, 21, 22, 23, 0, 39), order.subList(0, 6));
        assertFalse(order.get(6) >= 20 && order.get(6) <= 23);
    }

    @Test
    void windowMovesWithTheReaderAndClosingDropsItsDeadlines() {
        List<FileEntry> fs = files(40L * P);
        PiecePicker picker = new PiecePicker(geometry(fs), new Random(1));
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setWindow(7, 0, 0, 1, 4L * P);
        s.apply(picker, false);
        assertEquals(0, picker.pieceDeadline(0));
        assertEquals(3, picker.pieceDeadline(3));

        s.setWindow(7, 0, 2L * P, 1, 4L * P);
        s.apply(picker, false);
        assertEquals(-1, picker.pieceDeadline(0), "behind the reader: dropped");
        assertEquals(-1, picker.pieceDeadline(1));
        assertEquals(0, picker.pieceDeadline(2), "re-ranked from the new position");
        assertEquals(3, picker.pieceDeadline(5));

        s.removeWindow(7);
        s.apply(picker, false);
        for (int p = 0; p < 40; p++) {
            assertEquals(-1, picker.pieceDeadline(p), "piece " + p);
        }
    }

    @Test
    void hadPiecesGetNoDeadlineAndAForcedApplyRestoresOnesLostToARecheck() {
        List<FileEntry> fs = files(40L * P);
        PiecePicker picker = new PiecePicker(geometry(fs), new Random(1));
        picker.markHave(1);
        StreamPriorities s = new StreamPriorities(geometry(fs), fs);
        s.setWindow(1, 0, 0, 1, 4L * P);
        s.apply(picker, false);
        assertEquals(-1, picker.pieceDeadline(1));
        assertEquals(2, picker.pieceDeadline(2));

        picker.markHave(2); // downloaded: the picker drops its deadline
        picker.clearHave(2); // then found damaged by a recheck
        s.apply(picker, false);
        assertEquals(-1, picker.pieceDeadline(2), "nothing changed as far as the window knows");
        s.apply(picker, true);
        assertEquals(2, picker.pieceDeadline(2));
    }
}
