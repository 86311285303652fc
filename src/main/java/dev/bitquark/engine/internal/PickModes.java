package dev.bitquark.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The picker's two special modes, apart from its normal order (see {@link PiecePicker}): a choking peer's BEP 6
 * allowed-fast pieces, and endgame, where blocks already requested are asked from one more peer. Stateless: works
 * on the {@link PieceTable} of one picker, on that picker's event-loop context.
 */
final class PickModes {
    private PickModes() {
    }

    /**
     * BEP 6: a choking peer serves only its allowed-fast pieces. The set is small, so candidates are ranked
     * directly: open pieces first, then priority, then rarity.
     */
    static int allowedFast(PieceTable table, PeerView peer, int key, int max, List<BlockRequest> out) {
        List<Integer> candidates = new ArrayList<>();
        for (int piece : peer.allowedFast()) {
            if (piece >= 0 && piece < table.pieceCount && table.isWanted(piece) && peer.hasPiece(piece)
                    && !candidates.contains(piece)) {
                candidates.add(piece);
            }
        }
        candidates.sort(Comparator.<Integer>comparingInt(p -> table.open[p] != null ? 0 : 1)
                .thenComparingInt(p -> -table.priority[p])
                .thenComparingInt(p -> table.availability[p]));
        int picked = 0;
        for (int i = 0; i < candidates.size() && picked < max; i++) {
            int piece = candidates.get(i);
            OpenPiece op = table.open[piece];
            if (op == null) {
                if (table.canOpen()) {
                    picked += table.startPiece(piece, key, max - picked, out);
                }
            } else if (op.none > 0) {
                picked += table.takeFree(op, key, max - picked, out);
                table.syncFree(op);
            }
        }
        return picked;
    }

    /**
     * Endgame: ask this peer too for blocks others are already fetching, least-requested blocks first, so the
     * last blocks do not wait on the slowest peer.
     */
    static int endgame(PieceTable table, PeerView peer, int key, int max, List<BlockRequest> out) {
        int picked = 0;
        for (int already = 1; already < table.maxRequesters && picked < max; already++) {
            for (OpenPiece op : table.openPieces) {
                if (picked >= max) {
                    break;
                }
                if (op.requested == 0 || table.priority[op.piece] == 0 || !peer.hasPiece(op.piece)) {
                    continue;
                }
                for (int b = 0; b < op.blocks && picked < max; b++) {
                    if (op.state(b) == OpenPiece.REQUESTED && op.requesterCount(b) == already
                            && op.addRequester(b, key)) {
                        out.add(table.request(op.piece, b));
                        picked++;
                    }
                }
            }
        }
        return picked;
    }

    /**
     * True when every wanted block that some connected peer has is requested at least once (or received): from
     * now on blocks may be requested from several peers. Pieces no connected peer has do not hold endgame back.
     */
    static boolean isEndgame(PieceTable table) {
        if (table.wantedPiecesLeft == 0) {
            return false;
        }
        for (int level = 1; level < FreshPieces.LEVELS; level++) {
            int pickable = table.fresh.count(level) - (table.seeds == 0 ? table.fresh.bucketSize(level, 0) : 0);
            if (pickable > 0) {
                return false;
            }
        }
        for (OpenPiece op : table.withFree) {
            if (table.priority[op.piece] > 0 && table.availability[op.piece] + table.seeds > 0) {
                return false;
            }
        }
        return true;
    }
}
