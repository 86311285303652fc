package dev.bitquark.engine.internal;

import static dev.bitquark.engine.internal.PickerScenario.geometry;
import static dev.bitquark.engine.internal.PickerScenario.pick;
import static dev.bitquark.engine.internal.PickerScenario.picker;
import static dev.bitquark.engine.internal.PickerScenario.pieces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.TorrentGeometry;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which pieces the picker chooses, in which order. */
class PiecePickerOrderTest {
    @Test
    void picksRarestPieceFirst() {
        PiecePicker picker = picker("1320", "....");
        TestPeer seed = TestPeer.seed(picker, 1);
        assertEquals(List.of(3, 0, 2, 1), pieces(pick(picker, seed, 4)));
    }

    @Test
    void breaksTiesBetweenEquallyRarePiecesRandomlyButReproducibly() {
        Set<Integer> firstPicks = new HashSet<>();
        for (int seedValue = 0; seedValue < 20; seedValue++) {
            PiecePicker a = new PiecePicker(geometry(16, 1), new Random(seedValue));
            PiecePicker b = new PiecePicker(geometry(16, 1), new Random(seedValue));
            List<Integer> orderA = pieces(pick(a, TestPeer.seed(a, 1), 16));
            assertEquals(orderA, pieces(pick(b, TestPeer.seed(b, 1), 16)), "same seed, same order");
            firstPicks.add(orderA.get(0));
        }
        assertTrue(firstPicks.size() > 5, "equally rare pieces must not always come out in the same order");
    }

    @Test
    void skipsPiecesAlreadyHad() {
        PiecePicker picker = picker("1111", "X.X.");
        assertEquals(Set.of(1, 3), Set.copyOf(pieces(pick(picker, TestPeer.seed(picker, 1), 10))));
    }

    @Test
    void neverAsksPeerForPieceItDoesNotHave() {
        PiecePicker picker = picker("1111", "....");
        TestPeer peer = TestPeer.with(picker, 5, ".X.X");
        List<Integer> picked = pieces(pick(picker, peer, 10));
        assertEquals(Set.of(1, 3), Set.copyOf(picked));
        assertEquals(2, picked.size());
        assertEquals(0, pick(picker, peer, 10).size(), "nothing left this peer has (no endgame duplicates to itself)");
    }

    @Test
    void finishesPartialPiecesBeforeStartingNewOnes() {
        PiecePicker picker = picker("0123", "....", 4, 2);
        TestPeer a = TestPeer.seed(picker, 1);
        TestPeer b = TestPeer.seed(picker, 2);
        List<BlockRequest> first = pick(picker, a, 2);
        assertEquals(List.of(new BlockRequest(0, 0, PickerScenario.BLOCK), new BlockRequest(0, PickerScenario.BLOCK, PickerScenario.BLOCK)), first);
        List<BlockRequest> second = pick(picker, b, 2);
        assertEquals(List.of(0, 0), pieces(second));
        assertEquals(List.of(2, 3), second.stream().map(BlockRequest::block).toList());
        assertEquals(List.of(1), pieces(pick(picker, a, 1)));
        assertEquals(2, picker.openPieceCount());
    }

    @Test
    void prefersHigherPriorityOverRarityAndNeverPicksSkipped() {
        PiecePicker picker = picker("0123", "....");
        picker.setPiecePriority(3, Priority.HIGH);
        picker.setPiecePriority(0, Priority.LOW);
        picker.setPiecePriority(1, Priority.SKIP);
        assertEquals(List.of(3, 2, 0), pieces(pick(picker, TestPeer.seed(picker, 1), 10)));
    }

    @Test
    void priorityChangeAtRuntimeReordersFreshPieces() {
        PiecePicker picker = picker("0123", "....");
        TestPeer seed = TestPeer.seed(picker, 1);
        assertEquals(List.of(0), pieces(pick(picker, seed, 1)));
        picker.setPiecePriority(2, Priority.SKIP);
        picker.setPiecePriority(3, Priority.HIGH);
        assertEquals(List.of(3, 1), pieces(pick(picker, seed, 10)));
        picker.setPiecePriority(2, Priority.LOW);
        assertEquals(List.of(2), pieces(pick(picker, seed, 10)));
    }

    @Test
    void piecePriorityIsTheHighestOfTheFilesTouchingIt() {
        int block = PickerScenario.BLOCK;
        PiecePicker picker = new PiecePicker(geometry(4, 1), new Random(1));
        // Files: [0, 1.5 pieces) skip, [1.5, 2.5) normal, [2.5, 4) skip.
        picker.setFilePriorities(new long[] {block * 3L / 2, block, block * 3L / 2},
                new Priority[] {Priority.SKIP, Priority.NORMAL, Priority.SKIP});
        assertEquals(List.of(Priority.SKIP, Priority.NORMAL, Priority.NORMAL, Priority.SKIP),
                List.of(picker.piecePriority(0), picker.piecePriority(1), picker.piecePriority(2), picker.piecePriority(3)));
        assertEquals(2L * block, picker.wantedBytesLeft());
        assertEquals(Set.of(1, 2), Set.copyOf(pieces(pick(picker, TestPeer.seed(picker, 1), 10))));
    }

    @Test
    void rejectsFileLengthsThatDoNotCoverTheTorrent() {
        PiecePicker picker = new PiecePicker(geometry(4, 1), new Random(1));
        Priority[] two = {Priority.NORMAL, Priority.NORMAL};
        IllegalArgumentException short1 = assertThrows(IllegalArgumentException.class,
                () -> picker.setFilePriorities(new long[] {1, 2}, two));
        assertTrue(short1.getMessage().contains("add up to 3"), short1.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> picker.setFilePriorities(new long[] {Long.MAX_VALUE, 1}, two));
        assertThrows(IllegalArgumentException.class,
                () -> picker.setFilePriorities(new long[] {4L * PickerScenario.BLOCK}, two));
    }

    @Test
    void sequentialModePicksInIndexOrderAndRevisitsReturnedPieces() {
        PiecePicker picker = picker("3210", "....");
        picker.setSequential(true);
        TestPeer seed = TestPeer.seed(picker, 1);
        assertEquals(List.of(0, 1), pieces(pick(picker, seed, 2)));
        assertTrue(picker.onBlockRejected(1, 0, 0));
        assertEquals(List.of(0, 2, 3), pieces(pick(picker, seed, 3)));
    }

    @Test
    void sequentialModeSkipsPiecesThePeerLacks() {
        PiecePicker picker = picker("0000", "....");
        picker.setSequential(true);
        TestPeer peer = TestPeer.with(picker, 5, ".X.X");
        assertEquals(List.of(1, 3), pieces(pick(picker, peer, 4)));
    }

    @Test
    void deadlinePiecesComeBeforeEveryPriorityButNeverWhenSkipped() {
        PiecePicker picker = picker("000000", "......");
        picker.setPieceDeadline(4, 0);
        picker.setPieceDeadline(1, 1);
        picker.setPieceDeadline(2, 0);
        picker.setPiecePriority(2, Priority.SKIP);
        picker.setPiecePriority(5, Priority.HIGH);
        picker.setPiecePriority(4, Priority.LOW);
        TestPeer seed = TestPeer.seed(picker, 1);
        assertEquals(List.of(4, 1, 5), pieces(pick(picker, seed, 3)));
    }

    @Test
    void snubbedPeerIsNotGivenDeadlinePieces() {
        PiecePicker picker = picker("000000", "......");
        picker.setSequential(true);
        picker.setPieceDeadline(3, 0);
        TestPeer slow = TestPeer.seed(picker, 1);
        slow.snubbed = true;
        assertEquals(List.of(5), pieces(pick(picker, slow, 1)), "a stalled peer must not hold up a stream");
        TestPeer fast = TestPeer.seed(picker, 2);
        assertEquals(List.of(3), pieces(pick(picker, fast, 1)));
    }

    @Test
    void deadlineOfAHadPieceIsIgnoredAndDroppedOnceHad() {
        PiecePicker picker = picker("0000", "X...");
        picker.setPieceDeadline(0, 3);
        assertEquals(-1, picker.pieceDeadline(0));
        picker.setPieceDeadline(2, 3);
        assertEquals(3, picker.pieceDeadline(2));
        picker.markHave(2);
        assertEquals(-1, picker.pieceDeadline(2));
    }

    @Test
    void deadlineRankOrdersPiecesAndCanBeCleared() {
        PiecePicker picker = picker("000000", "......");
        picker.setPieceDeadline(2, 5);
        picker.setPieceDeadline(3, 1);
        picker.setPieceDeadline(2, 0);
        picker.setSequential(true);
        TestPeer seed = TestPeer.seed(picker, 1);
        assertEquals(List.of(2, 3, 0), pieces(pick(picker, seed, 3)));
        picker.setPieceDeadline(5, 0);
        picker.clearDeadlines();
        assertEquals(List.of(1), pieces(pick(picker, seed, 1)));
    }

    @Test
    void chokedPeerIsAskedOnlyForAllowedFastPieces() {
        PiecePicker picker = picker("1111", "...X");
        TestPeer peer = TestPeer.seed(picker, 1);
        peer.choking = true;
        assertEquals(0, pick(picker, peer, 10).size(), "choked without BEP 6 allowed-fast pieces: nothing");
        peer.allowedFast = new int[] {2, 9, 3, -1, 2};
        assertEquals(List.of(2), pieces(pick(picker, peer, 10)));
        peer.choking = false;
        assertEquals(Set.of(0, 1), Set.copyOf(pieces(pick(picker, peer, 10))));
    }

    @Test
    void snubbedPeerLeavesRareAndSharedPiecesToOthers() {
        PiecePicker picker = picker("1230", "....", 2, 2);
        TestPeer fast = TestPeer.seed(picker, 1);
        TestPeer slow = TestPeer.seed(picker, 2);
        slow.snubbed = true;
        assertEquals(List.of(3), pieces(pick(picker, fast, 1)), "rarest first for a healthy peer");
        assertEquals(List.of(2), pieces(pick(picker, slow, 1)), "snubbed: most common fresh piece, not piece 3");
        assertEquals(List.of(new BlockRequest(2, PickerScenario.BLOCK, PickerScenario.BLOCK)), pick(picker, slow, 1),
                "snubbed: continues its own piece");
        assertEquals(List.of(3), pieces(pick(picker, fast, 1)));
    }

    @Test
    void availabilityFollowsBitfieldsHavesAndDisconnects() {
        PiecePicker picker = picker("000", "...");
        TestPeer seed = TestPeer.seed(picker, 1);
        TestPeer partial = TestPeer.with(picker, 2, "XX.");
        assertEquals(List.of(2, 2, 1), availabilities(picker));
        assertEquals(List.of(2), pieces(pick(picker, seed, 1)), "the piece only the seed has is the rarest");
        picker.peerHas(2, 2);
        partial.pieces.set(2);
        assertEquals(List.of(2, 2, 2), availabilities(picker));
        picker.peerLost(partial);
        assertEquals(List.of(1, 1, 1), availabilities(picker));
        picker.peerLost(seed);
        assertEquals(List.of(0, 0, 0), availabilities(picker));
    }

    private static List<Integer> availabilities(PiecePicker picker) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < picker.pieceCount(); i++) {
            out.add(picker.availability(i));
        }
        return out;
    }

    @Test
    void pickOrderDoesNotDependOnScanningEveryPiece() {
        // 100 000 single-block pieces downloaded one block per decision: quadratic work would take minutes.
        int n = 100_000;
        PiecePicker picker = new PiecePicker(geometry(n, 1), new Random(3));
        TestPeer seed = TestPeer.seed(picker, 1);
        long start = System.nanoTime();
        List<BlockRequest> out = new java.util.ArrayList<>(1);
        for (int i = 0; i < n; i++) {
            out.clear();
            assertEquals(1, picker.pickBlocks(seed, 1, out));
            PickerScenario.download(picker, 1, out.get(0).piece(), 1);
        }
        assertTrue(picker.isComplete());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    @Test
    void lastBlockOfLastPieceIsShort() {
        PiecePicker picker = new PiecePicker(new TorrentGeometry(40_000, 2 * PickerScenario.BLOCK), new Random(1));
        picker.setPiecePriority(0, Priority.SKIP);
        assertEquals(List.of(new BlockRequest(1, 0, 40_000 - 2 * PickerScenario.BLOCK)),
                pick(picker, TestPeer.seed(picker, 1), 5));
    }
}
