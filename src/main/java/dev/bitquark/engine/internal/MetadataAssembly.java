package dev.bitquark.engine.internal;

import dev.bitquark.wire.MetadataMessage;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The info dictionary being put together from BEP 9 {@code ut_metadata} pieces of 16 KiB: which
 * pieces are had, which are requested from which connection and until when, and who sent each
 * piece (so a hash mismatch can be blamed). One assembly per claimed {@code metadata_size}; a
 * mismatch throws it away. Owned by the engine context; not thread-safe.
 */
final class MetadataAssembly {
    private static final int NONE = -1;

    final int size;
    final int pieceCount;
    private final byte[] data;
    private final boolean[] have;
    private final int[] requestedBy;
    private final long[] deadline;
    private final String[] senders;
    private int haveCount;

    /** @param size the claimed {@code metadata_size}, 1..{@link MetadataExchange#MAX_FETCH_SIZE} (checked by the caller) */
    MetadataAssembly(int size) {
        if (size <= 0 || size > MetadataExchange.MAX_FETCH_SIZE) {
            throw new IllegalArgumentException("metadata size " + size + " outside 1.." + MetadataExchange.MAX_FETCH_SIZE);
        }
        this.size = size;
        this.pieceCount = (size + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE;
        this.data = new byte[size];
        this.have = new boolean[pieceCount];
        this.requestedBy = new int[pieceCount];
        this.deadline = new long[pieceCount];
        this.senders = new String[pieceCount];
        Arrays.fill(requestedBy, NONE);
    }

    /** A piece neither had nor requested, or -1. */
    int nextFree() {
        for (int p = 0; p < pieceCount; p++) {
            if (!have[p] && requestedBy[p] == NONE) {
                return p;
            }
        }
        return -1;
    }

    void requested(int piece, int connection, long until) {
        requestedBy[piece] = connection;
        deadline[piece] = until;
    }

    /** Whether {@code piece} is requested from {@code connection} and not yet had. */
    boolean isRequestedFrom(int piece, int connection) {
        return piece >= 0 && piece < pieceCount && !have[piece] && requestedBy[piece] == connection;
    }

    /** Frees a request (reject, timeout, closed connection); the piece may be requested again. */
    void release(int piece) {
        requestedBy[piece] = NONE;
    }

    /** Frees every request of a connection; returns how many there were. */
    int releaseAll(int connection) {
        int n = 0;
        for (int p = 0; p < pieceCount; p++) {
            if (requestedBy[p] == connection) {
                requestedBy[p] = NONE;
                n++;
            }
        }
        return n;
    }

    /** Pieces requested from a connection whose deadline passed before {@code now}. */
    int[] expired(long now) {
        int[] out = new int[0];
        for (int p = 0; p < pieceCount; p++) {
            if (requestedBy[p] != NONE && !have[p] && deadline[p] < now) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = p;
            }
        }
        return out;
    }

    int requestedBy(int piece) {
        return requestedBy[piece];
    }

    /**
     * Stores a piece (its length was checked by the codec against {@code total_size}, which the
     * caller checked against {@link #size}); {@code sender} is the peer's ban key.
     */
    void put(int piece, byte[] bytes, String sender) {
        if (bytes.length != Math.min(MetadataMessage.PIECE_SIZE, size - piece * MetadataMessage.PIECE_SIZE)) {
            throw new IllegalArgumentException("metadata piece " + piece + " of " + bytes.length + " bytes");
        }
        System.arraycopy(bytes, 0, data, piece * MetadataMessage.PIECE_SIZE, bytes.length);
        if (!have[piece]) {
            have[piece] = true;
            haveCount++;
        }
        requestedBy[piece] = NONE;
        senders[piece] = sender;
    }

    boolean isComplete() {
        return haveCount == pieceCount;
    }

    int haveCount() {
        return haveCount;
    }

    /** The assembled bytes (not copied: the assembly is dropped once complete). */
    byte[] bytes() {
        return data;
    }

    /** Ban keys of the peers that sent pieces, in piece order. */
    Set<String> senders() {
        Set<String> out = new LinkedHashSet<>();
        for (String s : senders) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
