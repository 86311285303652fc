package dev.bitquark.dht.krpc;

/**
 * What {@link KrpcCodec#decode} made of a packet: a message, or the reason it was refused. A refused
 * query whose transaction id could be read carries {@code errorCode} (203 or 204, BEP 5) and
 * {@code errorMessage} to answer with; anything else is dropped. Immutable.
 */
public record Decoded(KrpcMessage message, String reason, byte[] tid, int errorCode, String errorMessage) {

    public static Decoded ok(KrpcMessage m) {
        return new Decoded(m, null, null, 0, null);
    }

    public static Decoded drop(String reason) {
        return new Decoded(null, reason, null, 0, null);
    }

    /** A malformed query that deserves a KRPC error answer. */
    public static Decoded answer(String reason, byte[] tid, int code, String message) {
        return new Decoded(null, reason, tid, code, message);
    }

    public boolean isOk() {
        return message != null;
    }

    /** True if the sender should get a KRPC error (a query with a readable transaction id). */
    public boolean deservesError() {
        return message == null && tid != null && errorCode != 0;
    }
}
