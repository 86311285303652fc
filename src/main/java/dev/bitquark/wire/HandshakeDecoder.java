package dev.bitquark.wire;

import dev.bitquark.metainfo.InfoHash;
import java.nio.ByteBuffer;

/**
 * Incremental decoder of the 68-byte BEP 3 handshake, fed like {@link FrameDecoder}. It never
 * consumes past the handshake, so the caller hands the rest of the same buffer to a
 * {@link FrameDecoder}:
 *
 * <pre>{@code
 * if (!handshakeDone) {
 *     handshakeDone = handshakeDecoder.feed(buf);   // consumes at most what the handshake needs
 *     if (!handshakeDone) return;
 *     onHandshake(handshakeDecoder.handshake());
 * }
 * frameDecoder.feed(buf);
 * }</pre>
 *
 * <p>Incoming connections: BEP 3 lets the receiving side wait for the initiator's info-hash
 * before answering, to pick the torrent. {@link #hasInfoHash()} turns true after 48 bytes, before
 * the peer id arrives, so the engine can look the torrent up and send its own handshake early.
 *
 * <p>The protocol prefix is checked byte by byte as it arrives: a stream that is not BitTorrent
 * (HTTP, an encrypted handshake) fails on its first wrong byte. Not thread-safe; one per connection.
 */
public final class HandshakeDecoder {
    private final byte[] buf = new byte[Handshake.LENGTH];
    private int fill;
    private Handshake handshake;
    private boolean failed;

    /**
     * Consumes at most the bytes the handshake still lacks.
     *
     * @return true once all 68 bytes have been read
     * @throws WireException if the protocol prefix is wrong; the decoder is then unusable
     * @throws IllegalStateException if an earlier call threw
     */
    public boolean feed(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("handshake decoder failed earlier; the connection must be closed");
        }
        if (fill == Handshake.LENGTH) {
            return true;
        }
        int n = Math.min(in.remaining(), Handshake.LENGTH - fill);
        in.get(buf, fill, n);
        try {
            Handshake.checkProtocol(buf, fill, fill + n);
        } catch (WireException e) {
            failed = true;
            throw e;
        }
        fill += n;
        if (fill == Handshake.LENGTH) {
            handshake = Handshake.fromValidated(buf);
            return true;
        }
        return false;
    }

    public boolean isComplete() {
        return handshake != null;
    }

    /** True once the reserved bytes and the info-hash (the first 48 bytes) have arrived. */
    public boolean hasInfoHash() {
        return fill >= Handshake.PEER_ID_OFFSET;
    }

    /** The peer's reserved bytes; available with {@link #hasInfoHash()}. */
    public long reserved() {
        requireInfoHash();
        return Handshake.reservedOf(buf);
    }

    /** The info-hash the peer asks for; available with {@link #hasInfoHash()}, before the peer id. */
    public InfoHash infoHash() {
        requireInfoHash();
        return InfoHash.of(buf, Handshake.INFO_HASH_OFFSET);
    }

    /** The whole handshake; available once {@link #feed} returned true. */
    public Handshake handshake() {
        if (handshake == null) {
            throw new IllegalStateException("handshake incomplete: " + fill + " of " + Handshake.LENGTH + " bytes");
        }
        return handshake;
    }

    private void requireInfoHash() {
        if (!hasInfoHash()) {
            throw new IllegalStateException("info-hash not received yet: " + fill + " of " + Handshake.LENGTH + " bytes");
        }
    }
}
