package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmartBanTest {
    private static final int BLOCK = PickerScenario.BLOCK;

    /** The correct content of a piece of {@code blocks} blocks (the last one 1000 bytes short). */
    private static byte[] good(int piece, int blocks) {
        byte[] data = new byte[blocks * BLOCK - 1000];
        new Random(piece).nextBytes(data);
        return data;
    }

    /** {@code good} with the given blocks spoiled, as a corrupting peer would send them. */
    private static ByteBuffer corrupt(byte[] good, int... blocks) {
        byte[] copy = good.clone();
        for (int b : blocks) {
            copy[b * BLOCK + 7] ^= 0x5A;
        }
        return ByteBuffer.wrap(copy);
    }

    @Test
    void onlyThePeerThatCorruptedABlockIsBanned() {
        SmartBan<String> ban = new SmartBan<>();
        byte[] piece = good(1, 3);
        assertEquals(Set.of(), ban.onPieceFailed(1, List.of("honest-a", "honest-b", "liar"), corrupt(piece, 2)));
        assertEquals(1, ban.strikes("honest-a"));
        assertEquals(Set.of("liar"), ban.onPiecePassed(1, ByteBuffer.wrap(piece)));
        assertTrue(ban.isBanned("liar"));
        assertFalse(ban.isBanned("honest-a"));
        assertFalse(ban.isBanned("honest-b"));
        assertEquals(0, ban.strikes("honest-a"), "proof clears the honest peers");
        assertEquals(0, ban.trackedPieces());
    }

    @Test
    void pieceFailingTwiceWithDifferentCorruptPeersBansBoth() {
        SmartBan<String> ban = new SmartBan<>();
        byte[] piece = good(4, 3);
        assertEquals(Set.of(), ban.onPieceFailed(4, List.of("a", "liar-1", "c"), corrupt(piece, 1)));
        assertEquals(Set.of(), ban.onPieceFailed(4, List.of("c", "a", "liar-2"), corrupt(piece, 2)));
        assertEquals(Set.of("liar-1", "liar-2"), ban.onPiecePassed(4, ByteBuffer.wrap(piece)));
        assertFalse(ban.isBanned("a"));
        assertFalse(ban.isBanned("c"));
    }

    @Test
    void soleSenderOfAFailedPieceIsBannedAtOnce() {
        SmartBan<String> ban = new SmartBan<>();
        byte[] piece = good(2, 2);
        assertEquals(Set.of("liar"), ban.onPieceFailed(2, List.of("liar", "liar"), corrupt(piece, 0)));
        assertEquals(Set.of(), ban.onPiecePassed(2, ByteBuffer.wrap(piece)), "already banned, not reported twice");
    }

    @Test
    void unknownSenderPreventsBanningTheOnlyKnownOne() {
        SmartBan<String> ban = new SmartBan<>();
        byte[] piece = good(2, 2);
        List<String> senders = Arrays.asList("maybe", null);
        assertEquals(Set.of(), ban.onPieceFailed(2, senders, corrupt(piece, 1)));
        assertEquals(Set.of(), ban.onPiecePassed(2, ByteBuffer.wrap(piece)), "its block was fine");
    }

    @Test
    void peerInFiveUnexplainedFailuresIsBannedWithoutProof() {
        SmartBan<String> ban = new SmartBan<>(5, 100);
        for (int p = 0; p < 4; p++) {
            byte[] piece = good(p, 2);
            assertEquals(Set.of(), ban.onPieceFailed(p, List.of("suspect", "other-" + p), corrupt(piece, 0)));
        }
        assertEquals(4, ban.strikes("suspect"));
        assertEquals(Set.of("suspect"), ban.onPieceFailed(9, List.of("other-9", "suspect"), corrupt(good(9, 2), 1)));
        assertEquals(0, ban.strikes("other-0"), "the ban explains the other contributors' failures");
    }

    @Test
    void honestPeersAreNeverBanned() {
        // Five peers fill 4-block pieces at random; "liar" spoils every block it sends. Each failed piece is
        // downloaded again (from whoever) until it passes, as the engine would.
        Random random = new Random(42);
        SmartBan<String> ban = new SmartBan<>();
        List<String> peers = new ArrayList<>(List.of("a", "b", "c", "d", "liar"));
        Set<String> bannedPeers = new HashSet<>();
        for (int p = 0; p < 200; p++) {
            byte[] piece = good(p, 4);
            while (true) {
                List<String> senders = new ArrayList<>();
                List<Integer> spoiled = new ArrayList<>();
                for (int b = 0; b < 4; b++) {
                    String peer = peers.get(random.nextInt(peers.size()));
                    senders.add(peer);
                    if (peer.equals("liar")) {
                        spoiled.add(b);
                    }
                }
                if (spoiled.isEmpty()) {
                    bannedPeers.addAll(ban.onPiecePassed(p, ByteBuffer.wrap(piece)));
                    break;
                }
                bannedPeers.addAll(ban.onPieceFailed(p, senders,
                        corrupt(piece, spoiled.stream().mapToInt(Integer::intValue).toArray())));
            }
            peers.removeAll(bannedPeers);
        }
        assertEquals(Set.of("liar"), bannedPeers);
    }

    @Test
    void readsThePieceWithoutConsumingTheBuffer() {
        SmartBan<String> ban = new SmartBan<>();
        byte[] piece = good(3, 2);
        ByteBuffer withHeader = ByteBuffer.allocate(piece.length + 5);
        withHeader.put(new byte[5]).put(corrupt(piece, 1)).flip().position(5);
        ban.onPieceFailed(3, List.of("a", "liar"), withHeader);
        assertEquals(5, withHeader.position());
        ByteBuffer goodWithHeader = ByteBuffer.allocate(piece.length + 5);
        goodWithHeader.put(new byte[5]).put(piece).flip().position(5);
        assertEquals(Set.of("liar"), ban.onPiecePassed(3, goodWithHeader));
    }

    @Test
    void forgetsTheOldestFailedPiecesBeyondTheLimit() {
        SmartBan<String> ban = new SmartBan<>(100, 2);
        for (int p = 0; p < 3; p++) {
            ban.onPieceFailed(p, List.of("a", "b"), corrupt(good(p, 2), 0));
        }
        assertEquals(2, ban.trackedPieces());
        assertEquals(Set.of(), ban.onPiecePassed(0, ByteBuffer.wrap(good(0, 2))), "piece 0 was forgotten");
        assertEquals(Set.of("a"), ban.onPiecePassed(1, ByteBuffer.wrap(good(1, 2))));
    }

    @Test
    void rejectsSendersThatDoNotMatchThePiece() {
        SmartBan<String> ban = new SmartBan<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ban.onPieceFailed(0, List.of("a"), ByteBuffer.wrap(good(0, 2))));
        assertTrue(e.getMessage().contains("2 blocks"), e.getMessage());
    }
}
