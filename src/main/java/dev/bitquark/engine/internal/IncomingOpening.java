package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.WireException;
import dev.bitquark.wire.mse.MseResponder;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The opening bytes of an incoming connection, read until the torrent it wants is known: either a plain BEP 3
 * handshake, or an MSE handshake (see {@link MseResponder}) that selects plain text, followed by the BEP 3
 * handshake. libtorrent, qBittorrent and Transmission open every connection with MSE by default; answering
 * it saves them the second connection they would dial in plain text about a second later. Not thread-safe;
 * one per connection, on the engine's context.
 */
public final class IncomingOpening {
    private enum Mode { UNKNOWN, PLAIN, MSE }

    private final MseResponder.Torrents torrents;
    private final SecureRandom random;
    private final byte[] head = new byte[MseResponder.PLAIN_PREFIX_LENGTH];
    private int headFill;
    private Mode mode = Mode.UNKNOWN;
    private MseResponder mse;
    private final HandshakeDecoder decoder = new HandshakeDecoder();
    private ByteBuffer rest;

    public IncomingOpening(MseResponder.Torrents torrents, SecureRandom random) {
        this.torrents = torrents;
        this.random = random;
    }

    /**
     * Consumes opening bytes from {@code in}.
     *
     * @return bytes to send to the peer now (MSE's replies; often none)
     * @throws WireException if the opening is neither a plain nor an acceptable encrypted handshake
     */
    public byte[] feed(ByteBuffer in) {
        rest = in;
        if (mode == Mode.UNKNOWN) {
            while (in.hasRemaining() && headFill < head.length && mode == Mode.UNKNOWN) {
                head[headFill++] = in.get();
                if (!MseResponder.looksPlain(head, headFill)) {
                    mode = Mode.MSE;
                }
            }
            if (mode == Mode.UNKNOWN && headFill < head.length) {
                return new byte[0];
            }
            if (mode == Mode.UNKNOWN) {
                mode = Mode.PLAIN;
            }
            ByteBuffer first = ByteBuffer.wrap(head, 0, headFill);
            if (mode == Mode.PLAIN) {
                decoder.feed(first);
            } else {
                mse = new MseResponder(torrents, random);
                byte[] reply = mse.feed(first);
                return concat(reply, feedMse(in));
            }
        }
        if (mode == Mode.MSE && !mse.isDone()) {
            return feedMse(in);
        }
        feedDecoder(in);
        return new byte[0];
    }

    private byte[] feedMse(ByteBuffer in) {
        byte[] reply = mse.feed(in);
        if (mse.isDone()) {
            byte[] ia = mse.initialPayload();
            ByteBuffer joined = ByteBuffer.allocate(ia.length + in.remaining());
            joined.put(ia).put(in).flip();
            rest = joined;
            feedDecoder(joined);
        }
        return reply;
    }

    private void feedDecoder(ByteBuffer in) {
        rest = in;
        if (!decoder.hasInfoHash()) {
            decoder.feed(in);
        }
        if (mse != null && decoder.hasInfoHash() && !decoder.infoHash().equals(mse.infoHash())) {
            throw new WireException("BitTorrent handshake for another torrent than the encrypted handshake named");
        }
    }

    /** True once the peer's handshake has named its torrent. */
    public boolean hasInfoHash() {
        return decoder.hasInfoHash();
    }

    public InfoHash infoHash() {
        return decoder.infoHash();
    }

    /** The handshake read so far, to be continued by the connection. */
    public HandshakeDecoder decoder() {
        return decoder;
    }

    /** Unread bytes after the opening (from the last buffer fed, or from MSE's initial payload), or null. */
    public ByteBuffer rest() {
        return rest != null && rest.hasRemaining() ? rest : null;
    }

    /** True if the peer opened with an MSE handshake. */
    public boolean encrypted() {
        return mode == Mode.MSE;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
