package dev.bitquark.wire;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The BEP 3 handshake: {@code <19>"BitTorrent protocol"}, 8 reserved bytes, info-hash, peer id;
 * 68 bytes. The reserved bytes are kept as one big-endian long ({@code reserved[0]} is the high
 * byte) so feature tests are single mask operations. Immutable and thread-safe.
 */
public record Handshake(long reserved, InfoHash infoHash, PeerId peerId) {
    public static final int LENGTH = 68;
    /** Byte offset of the reserved bytes, the info-hash and the peer id in the handshake. */
    public static final int RESERVED_OFFSET = 20;
    public static final int INFO_HASH_OFFSET = 28;
    public static final int PEER_ID_OFFSET = 48;

    /** BEP 10 extension protocol: {@code reserved[5] & 0x10}. */
    public static final long EXTENSION_PROTOCOL = 0x10L << 16;
    /** BEP 6 fast extension: {@code reserved[7] & 0x04}. */
    public static final long FAST_EXTENSION = 0x04L;
    /** BEP 5 DHT: {@code reserved[7] & 0x01}. */
    public static final long DHT = 0x01L;

    static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    public Handshake {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
    }

    /** A handshake advertising exactly the given features. */
    public static Handshake of(InfoHash infoHash, PeerId peerId, boolean extensionProtocol, boolean fast, boolean dht) {
        long bits = (extensionProtocol ? EXTENSION_PROTOCOL : 0) | (fast ? FAST_EXTENSION : 0) | (dht ? DHT : 0);
        return new Handshake(bits, infoHash, peerId);
    }

    public boolean supportsExtensionProtocol() {
        return (reserved & EXTENSION_PROTOCOL) != 0;
    }

    public boolean supportsFastExtension() {
        return (reserved & FAST_EXTENSION) != 0;
    }

    public boolean supportsDht() {
        return (reserved & DHT) != 0;
    }

    /** The 68 wire bytes. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        encodeTo(ByteBuffer.wrap(out));
        return out;
    }

    /** Writes the 68 wire bytes at {@code out}'s position and advances it. */
    public ByteBuffer encodeTo(ByteBuffer out) {
        byte[] tmp = new byte[InfoHash.LENGTH];
        out.put((byte) PROTOCOL.length).put(PROTOCOL);
        out.putLong(out.order() == ByteOrder.BIG_ENDIAN ? reserved : Long.reverseBytes(reserved));
        infoHash.copyTo(tmp, 0);
        out.put(tmp);
        peerId.copyTo(tmp, 0);
        return out.put(tmp);
    }

    /** Parses exactly 68 bytes. */
    public static Handshake decode(byte[] wire) {
        if (wire.length != LENGTH) {
            throw new WireException("handshake: " + wire.length + " bytes, expected " + LENGTH);
        }
        checkProtocol(wire, 0, LENGTH);
        return fromValidated(wire);
    }

    /** Reserved bytes of a buffer whose protocol prefix has been checked. */
    static long reservedOf(byte[] wire) {
        return ByteBuffer.wrap(wire, RESERVED_OFFSET, 8).getLong();
    }

    static Handshake fromValidated(byte[] wire) {
        return new Handshake(reservedOf(wire), InfoHash.of(wire, INFO_HASH_OFFSET), PeerId.of(wire, PEER_ID_OFFSET));
    }

    /**
     * Checks bytes {@code from..to-1} of the 20-byte protocol prefix in {@code wire}. Failing on
     * the first wrong byte lets a decoder refuse an HTTP request or an encrypted (BEP 8 / MSE)
     * stream after one byte instead of after 68.
     */
    static void checkProtocol(byte[] wire, int from, int to) {
        for (int i = from; i < Math.min(to, 20); i++) {
            if (i == 0) {
                if (wire[0] != PROTOCOL.length) {
                    throw new WireException("handshake: protocol name length " + (wire[0] & 0xFF)
                            + " at byte 0, expected 19 (\"BitTorrent protocol\")");
                }
            } else if (wire[i] != PROTOCOL[i - 1]) {
                throw new WireException("handshake: protocol name differs from \"BitTorrent protocol\" at byte " + i);
            }
        }
    }
}
