package dev.bitquark.wire;

import dev.bitquark.metainfo.Bitfield;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** Test streams built from the encoders, with the events a decoder must report for them. */
final class WireStreams {
    private WireStreams() {
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An unknown message (id 99) with a 3-byte body, written by hand: no encoder sends it. */
    static final byte[] UNKNOWN_99 = {0, 0, 0, 4, 99, 1, 2, 3};

    /** One of each message, the unknown one included. */
    static byte[] oneOfEach() {
        Bitfield bits = new Bitfield(10);
        bits.set(0);
        bits.set(9);
        return concat(
                MessageWriter.keepAlive(),
                MessageWriter.choke(),
                MessageWriter.unchoke(),
                MessageWriter.interested(),
                MessageWriter.notInterested(),
                MessageWriter.have(7),
                MessageWriter.bitfield(bits),
                MessageWriter.request(1, 16384, 16384),
                MessageWriter.piece(1, 16384, ByteBuffer.wrap(new byte[] {10, 11, 12, 13, 14})),
                MessageWriter.cancel(1, 16384, 16384),
                MessageWriter.port(6881),
                MessageWriter.suggest(3),
                MessageWriter.haveAll(),
                MessageWriter.haveNone(),
                MessageWriter.reject(2, 0, 100),
                MessageWriter.allowedFast(4),
                MessageWriter.extended(0, new byte[] {'d', 'e'}),
                UNKNOWN_99,
                MessageWriter.have(Integer.MAX_VALUE));
    }

    static final List<String> ONE_OF_EACH_EVENTS = List.of(
            "keep_alive", "choke", "unchoke", "interested", "not_interested", "have 7", "bitfield 8040",
            "request 1 16384 16384", "piece 1 16384 0a0b0c0d0e", "cancel 1 16384 16384", "port 6881",
            "suggest 3", "have_all", "have_none", "reject 2 0 100", "allowed_fast 4", "extended 0 6465",
            "unknown 99 4", "have 2147483647");
}
