package dev.bitquark.engine.internal;

import java.util.Arrays;

/**
 * Per-block state of one piece that is being downloaded: block states, up to {@code maxRequesters} requesting
 * peers per block, and the peer that delivered each block. Exists from the first request (or first received
 * block) until the piece is had, fails its hash, or loses every request before any data arrived. Owned by one
 * {@link PiecePicker}; not thread-safe.
 */
final class OpenPiece {
    static final byte NONE = 0;
    static final byte REQUESTED = 1;
    static final byte RECEIVED = 2;
    static final byte WRITTEN = 3;
    /** {@link #soleRequester} before anyone requested a block. */
    static final int NOBODY = -1;
    /** {@link #soleRequester} once two different peers requested blocks of this piece. */
    static final int SEVERAL = -2;

    final int piece;
    /** Opening order: older open pieces are finished first. */
    final long seq;
    final int blocks;
    private final int maxRequesters;
    private final byte[] state;
    private final int[] requesters;
    private final byte[] requesterCount;
    private final int[] sender;

    /** Blocks in state NONE. */
    int none;
    /** Blocks in state REQUESTED. */
    int requested;
    /** Blocks in state RECEIVED or WRITTEN. */
    int received;
    /** Blocks in state WRITTEN. */
    int written;
    /** The only peer that ever requested blocks here, {@link #NOBODY} or {@link #SEVERAL}. */
    int soleRequester = NOBODY;
    /** The hash check passed. */
    boolean verified;
    /** No block below this index is NONE. */
    private int freeHint;

    OpenPiece(int piece, long seq, int blocks, int maxRequesters) {
        this.piece = piece;
        this.seq = seq;
        this.blocks = blocks;
        this.maxRequesters = maxRequesters;
        this.state = new byte[blocks];
        this.requesters = new int[blocks * maxRequesters];
        this.requesterCount = new byte[blocks];
        this.sender = new int[blocks];
        Arrays.fill(sender, -1);
        this.none = blocks;
    }

    byte state(int block) {
        return state[block];
    }

    boolean isComplete() {
        return received == blocks;
    }

    /** Lowest block in state NONE, or -1. */
    int firstFree() {
        for (int b = freeHint; b < blocks; b++) {
            if (state[b] == NONE) {
                freeHint = b;
                return b;
            }
        }
        freeHint = blocks;
        return -1;
    }

    /** NONE -> REQUESTED by {@code key}. */
    void request(int block, int key) {
        state[block] = REQUESTED;
        none--;
        requested++;
        requesters[block * maxRequesters] = key;
        requesterCount[block] = 1;
        noteRequester(key);
    }

    /** Adds a further requester to a REQUESTED block (endgame); false if full or already requested by key. */
    boolean addRequester(int block, int key) {
        int n = requesterCount[block];
        if (state[block] != REQUESTED || n >= maxRequesters || isRequestedBy(block, key)) {
            return false;
        }
        requesters[block * maxRequesters + n] = key;
        requesterCount[block] = (byte) (n + 1);
        noteRequester(key);
        return true;
    }

    int requesterCount(int block) {
        return requesterCount[block];
    }

    boolean isRequestedBy(int block, int key) {
        int base = block * maxRequesters;
        for (int i = 0, n = requesterCount[block]; i < n; i++) {
            if (requesters[base + i] == key) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets that {@code key} requested {@code block}. When no requester is left and no data came, the block
     * goes back to NONE so another peer can be asked. Returns false if key had not requested it.
     */
    boolean removeRequester(int block, int key) {
        int base = block * maxRequesters;
        int n = requesterCount[block];
        for (int i = 0; i < n; i++) {
            if (requesters[base + i] == key) {
                requesters[base + i] = requesters[base + n - 1];
                requesterCount[block] = (byte) (n - 1);
                if (n == 1 && state[block] == REQUESTED) {
                    state[block] = NONE;
                    requested--;
                    none++;
                    if (block < freeHint) {
                        freeHint = block;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Marks {@code block} RECEIVED from {@code key}; the block must be NONE or REQUESTED. Returns the other peers
     * that still had it requested (they must be sent a cancel).
     */
    int[] receive(int block, int key) {
        int[] others = BlockResult.NO_PEERS;
        if (state[block] == REQUESTED) {
            int base = block * maxRequesters;
            int n = requesterCount[block];
            int others0 = isRequestedBy(block, key) ? n - 1 : n;
            if (others0 > 0) {
                others = new int[others0];
                int j = 0;
                for (int i = 0; i < n; i++) {
                    if (requesters[base + i] != key) {
                        others[j++] = requesters[base + i];
                    }
                }
            }
            requesterCount[block] = 0;
            requested--;
        } else {
            none--;
        }
        state[block] = RECEIVED;
        received++;
        sender[block] = key;
        return others;
    }

    /** RECEIVED -> WRITTEN; false if the block was not RECEIVED. */
    boolean write(int block) {
        if (state[block] != RECEIVED) {
            return false;
        }
        state[block] = WRITTEN;
        written++;
        return true;
    }

    /** Key of the peer each block came from, -1 where no data arrived yet. */
    int[] senders() {
        return sender.clone();
    }

    private void noteRequester(int key) {
        if (soleRequester == NOBODY) {
            soleRequester = key;
        } else if (soleRequester != key) {
            soleRequester = SEVERAL;
        }
    }
}
