package dev.bitquark.engine.internal;

/**
 * The outcome of {@link PiecePicker#onBlockReceived}. Immutable by convention (callers must not modify
 * {@code cancelPeers}); used on the engine context that made it.
 *
 * @param accepted      false if the data is not needed (duplicate, piece already had, or skipped); the caller
 *                      drops it instead of writing it
 * @param pieceComplete true exactly once per download of a piece: every block is now received and the piece can
 *                      be hashed
 * @param cancelPeers   keys of the other peers this block was also requested from (endgame); each must be sent a
 *                      BEP 3 {@code cancel}
 */
public record BlockResult(boolean accepted, boolean pieceComplete, int[] cancelPeers) {
    static final int[] NO_PEERS = new int[0];
    static final BlockResult IGNORED = new BlockResult(false, false, NO_PEERS);
}
