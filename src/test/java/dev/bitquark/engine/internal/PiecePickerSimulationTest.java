package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.TorrentGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A randomized swarm (two seeds plus partial peers) downloads a whole torrent through the picker while requests are
 * answered, rejected, lost on choke, and some completed pieces fail their hash. The test keeps its own record of
 * every peer's outstanding requests and checks the picker against it throughout.
 */
class PiecePickerSimulationTest {
    private static final int PEERS = 6;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void swarmDownloadCompletesWithoutDuplicateRequestsOutsideEndgame(long seed) {
        Random rnd = new Random(seed);
        TorrentGeometry geometry = new TorrentGeometry(40L * 4 * TorrentGeometry.BLOCK_SIZE - 5000, 4 * TorrentGeometry.BLOCK_SIZE);
        PiecePicker picker = new PiecePicker(geometry, new Random(seed), 3);
        if (seed % 2 == 0) {
            picker.setSequential(true);
        }
        picker.setPiecePriority(3, Priority.SKIP);
        TestPeer[] peers = new TestPeer[PEERS];
        List<List<BlockRequest>> outstanding = new ArrayList<>();
        peers[0] = TestPeer.seed(picker, 0);
        peers[1] = TestPeer.seed(picker, 1);
        for (int k = 2; k < PEERS; k++) {
            StringBuilder have = new StringBuilder();
            for (int i = 0; i < geometry.pieceCount(); i++) {
                have.append(rnd.nextInt(3) == 0 ? 'X' : '.');
            }
            peers[k] = TestPeer.with(picker, k, have.toString());
        }
        for (int k = 0; k < PEERS; k++) {
            outstanding.add(new ArrayList<>());
        }
        int failures = 0;
        int duplicates = 0;
        int step = 0;
        while (!picker.isComplete()) {
            assertTrue(++step < 100_000, "download did not finish");
            int k = rnd.nextInt(PEERS);
            TestPeer peer = peers[k];
            peer.snubbed = k == PEERS - 1 && rnd.nextBoolean();
            List<BlockRequest> mine = outstanding.get(k);
            int action = rnd.nextInt(100);
            if (action < 50) {
                if (mine.size() < 8) {
                    List<BlockRequest> got = PickerScenario.pick(picker, peer, 1 + rnd.nextInt(4));
                    for (BlockRequest r : got) {
                        assertFalse(mine.contains(r), "asked the same peer twice for " + r);
                        assertTrue(peer.hasPiece(r.piece()), "asked a peer for a piece it lacks: " + r);
                        assertTrue(picker.isWanted(r.piece()), "requested an unwanted piece: " + r);
                        int requesters = picker.requesterCount(r.piece(), r.block());
                        assertTrue(requesters == 1 || picker.isEndgame(), "duplicate outside endgame: " + r);
                        assertTrue(requesters <= 3);
                        duplicates += requesters > 1 ? 1 : 0;
                        mine.add(r);
                    }
                }
            } else if (action < 85 && !mine.isEmpty()) {
                BlockRequest r = mine.remove(0);
                BlockResult result = picker.onBlockReceived(k, r.piece(), r.block());
                assertTrue(result.accepted(), "a block still requested from the sender must be accepted: " + r);
                for (int other : result.cancelPeers()) {
                    assertTrue(outstanding.get(other).remove(r), "cancel for a block peer " + other + " was not asked for");
                }
                if (result.pieceComplete()) {
                    int blocks = geometry.blocksInPiece(r.piece());
                    if (rnd.nextInt(10) == 0) {
                        failures++;
                        picker.onPieceFailed(r.piece());
                        assertEquals(BlockState.NONE, picker.blockState(r.piece(), blocks - 1));
                    } else {
                        assertFalse(picker.onPieceVerified(r.piece()), "not had before it is written");
                        for (int b = 0; b < blocks; b++) {
                            assertEquals(b == blocks - 1, picker.onBlockWritten(r.piece(), b));
                        }
                        assertTrue(picker.hasPiece(r.piece()));
                    }
                }
            } else if (action < 95 && !mine.isEmpty()) {
                BlockRequest r = mine.remove(rnd.nextInt(mine.size()));
                assertTrue(picker.onBlockRejected(k, r.piece(), r.block()));
            } else if (action >= 95) {
                assertEquals(mine.size(), picker.onRequestsLost(k));
                mine.clear();
            }
            if (step % 50 == 0) {
                for (int j = 0; j < PEERS; j++) {
                    for (BlockRequest r : outstanding.get(j)) {
                        assertTrue(picker.isRequestedFrom(j, r.piece(), r.block()), "picker forgot " + r + " of " + j);
                    }
                }
            }
        }
        Bitfield had = picker.haveBitfield();
        assertEquals(geometry.pieceCount() - 1, had.cardinality());
        assertFalse(had.get(3), "the skipped piece is never downloaded");
        assertEquals(0, picker.wantedBytesLeft());
        assertEquals(0, picker.openPieceCount());
        assertTrue(failures > 0, "the scenario should exercise hash failures");
        assertTrue(duplicates > 0, "the scenario should reach endgame");
    }
}
