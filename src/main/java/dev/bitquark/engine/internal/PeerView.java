package dev.bitquark.engine.internal;

/**
 * What {@link PiecePicker} needs to know about one connection when choosing blocks for it. Implemented by the
 * engine's connection state and read only on the engine context that owns the torrent; implementations need not
 * be thread-safe.
 */
public interface PeerView {
    /**
     * The engine's key for this connection: {@code >= 0} and unique among the torrent's live connections. The
     * picker records requesters and senders by key.
     */
    int key();

    /** True if the peer announced {@code piece} (bitfield, HAVE, or BEP 6 HAVE ALL). */
    boolean hasPiece(int piece);

    /**
     * True if the peer is known to have every piece (BEP 6 HAVE ALL, a complete bitfield, or HAVE for every
     * piece). A shortcut only: {@link #hasPiece} must agree with it.
     */
    boolean hasAll();

    /** True while the peer chokes us: then only its BEP 6 allowed-fast pieces may be requested. */
    boolean isChokingUs();

    /**
     * The pieces the peer allows us to request while it chokes us (BEP 6 {@code allowed fast}); empty when the
     * peer does not support the fast extension. Small (BEP 6 suggests 10); the picker does not keep the array.
     */
    int[] allowedFast();

    /**
     * True if the peer has not delivered a block for a long time while we had requests outstanding (see
     * {@link OutstandingRequests#isSnubbed}). Snubbed peers are kept away from pieces faster peers work on.
     */
    boolean isSnubbed();
}
