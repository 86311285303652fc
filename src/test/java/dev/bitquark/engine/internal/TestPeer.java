package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.Bitfield;

/** A connection's state as the engine would keep it: a bitfield plus flags, mutable by the test. */
final class TestPeer implements PeerView {
    final int key;
    final Bitfield pieces;
    boolean all;
    boolean choking;
    boolean snubbed;
    int[] allowedFast = new int[0];

    private TestPeer(int key, Bitfield pieces, boolean all) {
        this.key = key;
        this.pieces = pieces;
        this.all = all;
    }

    /** A seed, registered with the picker through HAVE ALL. */
    static TestPeer seed(PiecePicker picker, int key) {
        picker.peerHasAll(key);
        return new TestPeer(key, Bitfield.full(picker.pieceCount()), true);
    }

    /** A peer with the pieces marked 'X' in {@code have} (e.g. "X..X"), registered through its bitfield. */
    static TestPeer with(PiecePicker picker, int key, String have) {
        Bitfield b = new Bitfield(have.length());
        for (int i = 0; i < have.length(); i++) {
            if (have.charAt(i) == 'X') {
                b.set(i);
            }
        }
        picker.peerBitfield(key, b);
        return new TestPeer(key, b, b.isComplete());
    }

    @Override
    public int key() {
        return key;
    }

    @Override
    public boolean hasPiece(int piece) {
        return all || pieces.get(piece);
    }

    @Override
    public boolean hasAll() {
        return all;
    }

    @Override
    public boolean isChokingUs() {
        return choking;
    }

    @Override
    public int[] allowedFast() {
        return allowedFast;
    }

    @Override
    public boolean isSnubbed() {
        return snubbed;
    }
}
