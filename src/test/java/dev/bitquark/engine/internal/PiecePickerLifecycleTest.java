package dev.bitquark.engine.internal;

import static dev.bitquark.engine.internal.PickerScenario.BLOCK;
import static dev.bitquark.engine.internal.PickerScenario.pick;
import static dev.bitquark.engine.internal.PickerScenario.picker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Requests, arrivals, losses, hash results and endgame. */
class PiecePickerLifecycleTest {
    @Test
    void doesNotRequestSameBlockTwice() {
        PiecePicker picker = picker("0000", "....", 4, 3);
        TestPeer[] peers = {TestPeer.seed(picker, 1), TestPeer.seed(picker, 2), TestPeer.seed(picker, 3)};
        Set<BlockRequest> seen = new HashSet<>();
        for (int round = 0; seen.size() < 16 || !picker.isEndgame(); round++) {
            assertFalse(picker.isEndgame() && seen.size() < 16, "endgame before every block was requested");
            // Within one call free blocks come first; a duplicate is only allowed once all 16 are requested.
            for (BlockRequest r : pick(picker, peers[round % 3], 1 + round % 3)) {
                assertTrue(seen.add(r) || seen.size() == 16, "requested twice outside endgame: " + r);
            }
        }
        assertEquals(16, seen.size(), "endgame starts only once every block is requested");
    }

    @Test
    void neverAsksOnePeerTwiceForABlockEvenInEndgame() {
        PiecePicker picker = picker("0", ".", 3, 3);
        TestPeer a = TestPeer.seed(picker, 1);
        assertEquals(3, pick(picker, a, 10).size());
        assertTrue(picker.isEndgame());
        assertEquals(0, pick(picker, a, 10).size());
    }

    @Test
    void endgameAsksASecondPeerAndCancelsTheSlowerCopy() {
        PiecePicker picker = picker("0", ".", 2, 2);
        TestPeer a = TestPeer.seed(picker, 1);
        TestPeer b = TestPeer.seed(picker, 2);
        TestPeer c = TestPeer.seed(picker, 3);
        assertEquals(2, pick(picker, a, 10).size());
        List<BlockRequest> duplicates = pick(picker, b, 10);
        assertEquals(List.of(new BlockRequest(0, 0, BLOCK), new BlockRequest(0, BLOCK, BLOCK)), duplicates);
        assertEquals(0, pick(picker, c, 10).size(), "at most 2 requesters per block");

        BlockResult first = picker.onBlockReceived(2, 0, 0);
        assertTrue(first.accepted());
        assertArrayEquals(new int[] {1}, first.cancelPeers());
        assertFalse(first.pieceComplete());
        BlockResult late = picker.onBlockReceived(1, 0, 0);
        assertFalse(late.accepted(), "the cancelled copy may still arrive; it is dropped");

        BlockResult second = picker.onBlockReceived(1, 0, 1);
        assertArrayEquals(new int[] {2}, second.cancelPeers());
        assertTrue(second.pieceComplete());
    }

    @Test
    void endgameDuplicatesLeastRequestedBlocksFirstUpToTheLimit() {
        PiecePicker picker = picker("0", ".", 2, 3);
        TestPeer a = TestPeer.seed(picker, 1);
        TestPeer b = TestPeer.seed(picker, 2);
        TestPeer c = TestPeer.seed(picker, 3);
        TestPeer d = TestPeer.seed(picker, 4);
        pick(picker, a, 2);
        assertEquals(List.of(new BlockRequest(0, 0, BLOCK)), pick(picker, b, 1));
        // Block 1 has one requester, block 0 two: c gets block 1 rather than a third copy of block 0.
        assertEquals(List.of(new BlockRequest(0, BLOCK, BLOCK)), pick(picker, c, 1));
        assertEquals(2, pick(picker, d, 5).size(), "third copies once every block has two");
        assertEquals(3, picker.requesterCount(0, 0));
        assertEquals(3, picker.requesterCount(0, 1));
    }

    @Test
    void noEndgameWhileAFreshPieceCanStillBeRequested() {
        PiecePicker picker = picker("00", "..");
        TestPeer a = TestPeer.seed(picker, 1);
        TestPeer b = TestPeer.seed(picker, 2);
        BlockRequest first = pick(picker, a, 1).get(0);
        assertFalse(picker.isEndgame());
        BlockRequest second = pick(picker, b, 1).get(0);
        assertTrue(first.piece() != second.piece());
        assertTrue(picker.isEndgame());
    }

    @Test
    void piecesNobodyHasDoNotHoldBackEndgame() {
        PiecePicker picker = picker("00", "..");
        TestPeer p = TestPeer.with(picker, 5, "X.");
        TestPeer q = TestPeer.with(picker, 6, "X.");
        assertEquals(1, pick(picker, p, 5).size());
        assertTrue(picker.isEndgame(), "piece 1 is wanted but no connected peer has it");
        assertEquals(1, pick(picker, q, 5).size());
        assertEquals(2, picker.requesterCount(0, 0));
    }

    @Test
    void rejectedBlockIsPickedAgainForAnotherPeer() {
        PiecePicker picker = picker("0", ".", 2, 1);
        TestPeer a = TestPeer.seed(picker, 1);
        TestPeer b = TestPeer.seed(picker, 2);
        pick(picker, a, 2);
        assertEquals(0, pick(picker, b, 2).size());
        assertTrue(picker.onBlockRejected(1, 0, 1));
        assertFalse(picker.onBlockRejected(1, 0, 1), "already gone");
        assertFalse(picker.onBlockRejected(2, 0, 0), "never requested from peer 2");
        assertEquals(BlockState.NONE, picker.blockState(0, 1));
        assertEquals(List.of(new BlockRequest(0, BLOCK, BLOCK)), pick(picker, b, 2));
        assertTrue(picker.isRequestedFrom(2, 0, 1));
    }

    @Test
    void lostRequestsReturnEveryBlockAndUntouchedPieceTurnsFresh() {
        PiecePicker picker = picker("00", "..", 4, 2);
        TestPeer a = TestPeer.seed(picker, 1);
        List<BlockRequest> requested = pick(picker, a, 6);
        int started = requested.get(0).piece();
        picker.onBlockReceived(1, started, 0);
        assertEquals(5, picker.onRequestsLost(1));
        assertEquals(1, picker.openPieceCount(), "only the piece with a received block stays open");
        List<BlockRequest> again = pick(picker, TestPeer.seed(picker, 2), 10);
        assertEquals(7, again.size());
        assertEquals(List.of(started, started, started), again.subList(0, 3).stream().map(BlockRequest::piece).toList(),
                "the partial piece is finished first");
    }

    @Test
    void lateBlockFromTimedOutPeerIsKeptAndTheNewRequestCancelled() {
        PiecePicker picker = picker("0", ".", 1, 2);
        TestPeer a = TestPeer.seed(picker, 1);
        TestPeer b = TestPeer.seed(picker, 2);
        pick(picker, a, 1);
        picker.onBlockRejected(1, 0, 0);
        pick(picker, b, 1);
        BlockResult late = picker.onBlockReceived(1, 0, 0);
        assertTrue(late.accepted());
        assertTrue(late.pieceComplete());
        assertArrayEquals(new int[] {2}, late.cancelPeers());
    }

    @Test
    void unrequestedBlockOfWantedPieceIsKeptButOfSkippedPieceDropped() {
        PiecePicker picker = picker("00", "..");
        picker.setPiecePriority(1, Priority.SKIP);
        assertTrue(picker.onBlockReceived(9, 0, 0).accepted());
        assertEquals(BlockState.RECEIVED, picker.blockState(0, 0));
        assertFalse(picker.onBlockReceived(9, 1, 0).accepted());
        assertEquals(BlockState.NONE, picker.blockState(1, 0));
    }

    @Test
    void failedPieceIsDownloadedAgainFully() {
        PiecePicker picker = picker("0", ".", 3, 2);
        pick(picker, TestPeer.seed(picker, 1), 3);
        assertFalse(picker.onBlockReceived(1, 0, 0).pieceComplete());
        picker.onBlockReceived(1, 0, 1);
        picker.onBlockWritten(0, 0);
        assertTrue(picker.onBlockReceived(1, 0, 2).pieceComplete());
        assertArrayEquals(new int[] {1, 1, 1}, picker.blockSenders(0));
        picker.onPieceFailed(0);
        for (int b = 0; b < 3; b++) {
            assertEquals(BlockState.NONE, picker.blockState(0, b));
        }
        assertFalse(picker.hasPiece(0));
        assertEquals(List.of(0, 1, 2), pick(picker, TestPeer.seed(picker, 2), 5).stream().map(BlockRequest::block).toList());
    }

    @Test
    void pieceIsHadOnlyOnceVerifiedAndWrittenInEitherOrder() {
        PiecePicker picker = picker("00", "..", 2, 2);
        pick(picker, TestPeer.seed(picker, 1), 4);
        for (int p = 0; p < 2; p++) {
            picker.onBlockReceived(1, p, 0);
            picker.onBlockReceived(1, p, 1);
        }
        // Piece 0: verified first, then written.
        assertFalse(picker.onPieceVerified(0));
        assertFalse(picker.onBlockWritten(0, 0));
        assertFalse(picker.hasPiece(0));
        assertTrue(picker.onBlockWritten(0, 1));
        assertTrue(picker.hasPiece(0));
        // Piece 1: written first, then verified.
        assertFalse(picker.onBlockWritten(1, 0));
        assertFalse(picker.onBlockWritten(1, 1));
        assertFalse(picker.hasPiece(1));
        assertEquals(BlockState.WRITTEN, picker.blockState(1, 1));
        assertTrue(picker.onPieceVerified(1));
        assertTrue(picker.isComplete());
        assertEquals(2, picker.haveBitfield().cardinality());
    }

    @Test
    void refusesVerificationOfAnIncompletePiece() {
        PiecePicker picker = picker("0", ".", 2, 2);
        pick(picker, TestPeer.seed(picker, 1), 2);
        picker.onBlockReceived(1, 0, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> picker.onPieceVerified(0));
        assertTrue(e.getMessage().contains("piece 0"));
    }

    @Test
    void blocksOfHadPiecesAreIgnored() {
        PiecePicker picker = picker("00", "X.");
        assertFalse(picker.onBlockReceived(1, 0, 0).accepted());
        assertFalse(picker.onBlockWritten(0, 0));
        assertEquals(BlockState.WRITTEN, picker.blockState(0, 0));
    }

    @Test
    void tracksWantedBytesAndCompletion() {
        PiecePicker picker = new PiecePicker(new dev.bitquark.metainfo.TorrentGeometry(40_000, 2 * BLOCK),
                new java.util.Random(1));
        assertEquals(40_000, picker.wantedBytesLeft());
        PickerScenario.download(picker, 1, 1, 1);
        assertEquals(2L * BLOCK, picker.wantedBytesLeft());
        assertFalse(picker.isComplete());
        picker.setPiecePriority(0, Priority.SKIP);
        assertEquals(0, picker.wantedBytesLeft());
        assertTrue(picker.isComplete());
        assertEquals(0, pick(picker, TestPeer.seed(picker, 1), 5).size());
        picker.setPiecePriority(0, Priority.LOW);
        assertFalse(picker.isComplete());
        assertTrue(picker.isInteresting(TestPeer.seed(picker, 2)));
    }

    @Test
    void interestDependsOnWantedPiecesThePeerHas() {
        PiecePicker picker = picker("000", "X..");
        picker.setPiecePriority(2, Priority.SKIP);
        assertFalse(picker.isInteresting(TestPeer.with(picker, 1, "X.X")));
        assertTrue(picker.isInteresting(TestPeer.with(picker, 2, ".X.")));
    }

    @Test
    void rejectsOutOfRangeBlocks() {
        PiecePicker picker = picker("00", "..", 2, 2);
        assertThrows(IllegalArgumentException.class, () -> picker.onBlockReceived(1, 2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> picker.onBlockReceived(1, 0, 2));
        assertTrue(e.getMessage().contains("block 2 outside piece 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> picker.onBlockRejected(1, -1, 0));
    }

    @Test
    void requestsLeaveWithADisconnectedPeer() {
        PiecePicker picker = picker("0", ".", 2, 2);
        TestPeer a = TestPeer.seed(picker, 1);
        pick(picker, a, 2);
        picker.peerLost(a);
        assertEquals(0, picker.openPieceCount());
        assertEquals(new ArrayList<>(List.of(0, 1)),
                pick(picker, TestPeer.seed(picker, 2), 2).stream().map(BlockRequest::block).toList());
    }

    @Test
    void clearingAHadPieceMakesItWantedAndPickableAgain() {
        PiecePicker picker = picker("111", "XXX");
        assertTrue(picker.isComplete());
        picker.clearHave(1);
        assertFalse(picker.isComplete());
        assertFalse(picker.hasPiece(1));
        assertEquals(BLOCK, picker.wantedBytesLeft());
        assertEquals(List.of(1), PickerScenario.pieces(pick(picker, TestPeer.seed(picker, 1), 10)));
        PickerScenario.download(picker, 1, 1, 1);
        assertTrue(picker.isComplete());
    }

    @Test
    void clearingAHadSkippedPieceLeavesItUnwanted() {
        PiecePicker picker = picker("11", "XX");
        picker.setPiecePriority(0, Priority.SKIP);
        picker.clearHave(0);
        assertTrue(picker.isComplete(), "a skipped piece is not wanted");
        assertEquals(0, pick(picker, TestPeer.seed(picker, 1), 10).size());
        picker.setPiecePriority(0, Priority.NORMAL);
        assertFalse(picker.isComplete());
        assertEquals(List.of(0), PickerScenario.pieces(pick(picker, TestPeer.seed(picker, 2), 10)));
    }
}
