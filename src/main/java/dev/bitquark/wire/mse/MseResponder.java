package dev.bitquark.wire.mse;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.wire.WireException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The receiving side of an MSE handshake, fed like the wire decoders: it consumes only the handshake's bytes,
 * so what is left in the buffer after {@link #isDone()} is the plain-text stream that follows. The initiator
 * (A) and we (B) exchange, per the specification:
 *
 * <pre>
 * 1 A→B  Ya (96 bytes), PadA (0–512)
 * 2 B→A  Yb, PadB
 * 3 A→B  HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
 *        RC4A(VC, crypto_provide, len(PadC), PadC, len(IA)), RC4A(IA)
 * 4 B→A  RC4B(VC, crypto_select, len(PadD), PadD), then the payload stream as selected
 * </pre>
 *
 * S is the Diffie-Hellman secret, SKEY the torrent's info-hash, VC eight zero bytes, RC4A keyed with
 * HASH('keyA', S, SKEY) and RC4B with HASH('keyB', S, SKEY). We select plain text: the obfuscation protects
 * nothing once the handshake is over, and plain text keeps the data path free of a cipher pass (and lets
 * uploads go out of the page cache untouched). A peer that offers RC4 only is refused with that reason.
 *
 * <p>Every length is bounded before anything is allocated: 512 bytes of padding at most where the
 * specification allows padding, and the two-byte length of IA. Not thread-safe; one per connection.
 */
public final class MseResponder {
    /** The longest padding the specification allows (PadA, PadB, PadC, PadD). */
    public static final int MAX_PAD = 512;
    static final int CRYPTO_PLAINTEXT = 0x01;
    static final int CRYPTO_RC4 = 0x02;
    private static final int HASH = 20;
    /** HASH('req2', SKEY) xor HASH('req3', S), VC, crypto_provide, len(PadC). */
    private static final int HEADER = HASH + 8 + 4 + 2;

    /** Finds the torrent whose HASH('req2', info-hash) is given (see {@link #req2}); null if none. */
    @FunctionalInterface
    public interface Torrents {
        InfoHash byReq2(byte[] req2);
    }

    private enum Step { PUBLIC_KEY, SYNC, HEADER, PAD_C, IA_LENGTH, IA, DONE }

    private final Torrents torrents;
    private final SecureRandom random;
    private Step step = Step.PUBLIC_KEY;
    private final byte[] theirKey = new byte[DhKey.BYTES];
    private final byte[] sync = new byte[MAX_PAD + HASH];
    private final byte[] header = new byte[HEADER];
    private final byte[] two = new byte[2];
    private int fill;
    private int remaining;
    private byte[] secret;
    private byte[] req1;
    private Rc4 fromPeer;
    private InfoHash infoHash;
    private byte[] initialPayload = new byte[0];
    private boolean failed;

    public MseResponder(Torrents torrents, SecureRandom random) {
        this.torrents = torrents;
        this.random = random;
    }

    /**
     * True while the first {@code len} bytes of a connection agree with a plain BEP 3 handshake ({@code 19},
     * then "BitTorrent protocol"). Anything else is taken for MSE's public key: a key that starts with those
     * 20 bytes is a 2^-160 chance.
     */
    public static boolean looksPlain(byte[] head, int len) {
        for (int k = 0; k < Math.min(len, PLAIN_PREFIX.length); k++) {
            if (head[k] != PLAIN_PREFIX[k]) {
                return false;
            }
        }
        return true;
    }

    /** The first 20 bytes of every plain handshake. */
    public static final int PLAIN_PREFIX_LENGTH = 20;
    private static final byte[] PLAIN_PREFIX = ("\u0013BitTorrent protocol").getBytes(StandardCharsets.US_ASCII);

    /**
     * Consumes handshake bytes from {@code in}.
     *
     * @return bytes to send to the peer now (often none)
     * @throws WireException if the peer breaks the handshake; the responder is then unusable
     */
    public byte[] feed(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("MSE handshake failed earlier; the connection must be closed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(0);
        try {
            while (in.hasRemaining() && step != Step.DONE) {
                switch (step) {
                    case PUBLIC_KEY -> readPublicKey(in, out);
                    case SYNC -> readSync(in);
                    case HEADER -> readHeader(in);
                    case PAD_C -> skipPad(in);
                    case IA_LENGTH -> readIaLength(in, out);
                    case IA -> readIa(in, out);
                    default -> throw new IllegalStateException(step.name());
                }
            }
        } catch (WireException e) {
            failed = true;
            throw e;
        }
        return out.toByteArray();
    }

    public boolean isDone() {
        return step == Step.DONE;
    }

    /** The torrent the peer asked for; set once the handshake is done. */
    public InfoHash infoHash() {
        if (step != Step.DONE) {
            throw new IllegalStateException("MSE handshake not finished");
        }
        return infoHash;
    }

    /** IA, the initial payload A sent inside step 3 (decrypted; often the BEP 3 handshake or empty). */
    public byte[] initialPayload() {
        return initialPayload.clone();
    }

    /** HASH('req2', SKEY): how step 3 names the torrent without sending its info-hash in the clear. */
    public static byte[] req2(InfoHash infoHash) {
        byte[] ih = new byte[HASH];
        infoHash.copyTo(ih, 0);
        return sha1(ascii("req2"), ih);
    }

    private void readPublicKey(ByteBuffer in, ByteArrayOutputStream out) {
        int n = Math.min(in.remaining(), DhKey.BYTES - fill);
        in.get(theirKey, fill, n);
        fill += n;
        if (fill < DhKey.BYTES) {
            return;
        }
        DhKey ours = DhKey.generate(random);
        secret = ours.sharedSecret(theirKey);
        req1 = sha1(ascii("req1"), secret);
        out.writeBytes(ours.publicKey());
        byte[] pad = new byte[random.nextInt(MAX_PAD + 1)];
        random.nextBytes(pad);
        out.writeBytes(pad);
        fill = 0;
        step = Step.SYNC;
    }

    /** PadA has no length field: A's next bytes are HASH('req1', S), found by scanning at most 512 bytes. */
    private void readSync(ByteBuffer in) {
        while (in.hasRemaining()) {
            sync[fill++] = in.get();
            if (fill >= HASH && endsWithReq1()) {
                fill = 0;
                step = Step.HEADER;
                return;
            }
            if (fill == sync.length) {
                throw new WireException("encrypted handshake: no synchronisation hash within "
                        + MAX_PAD + " bytes of padding (not an MSE peer, or a different secret)");
            }
        }
    }

    private boolean endsWithReq1() {
        for (int k = 0; k < HASH; k++) {
            if (sync[fill - HASH + k] != req1[k]) {
                return false;
            }
        }
        return true;
    }

    private void readHeader(ByteBuffer in) {
        int n = Math.min(in.remaining(), HEADER - fill);
        in.get(header, fill, n);
        fill += n;
        if (fill < HEADER) {
            return;
        }
        byte[] req3 = sha1(ascii("req3"), secret);
        byte[] req2 = new byte[HASH];
        for (int k = 0; k < HASH; k++) {
            req2[k] = (byte) (header[k] ^ req3[k]);
        }
        infoHash = torrents.byReq2(req2);
        if (infoHash == null) {
            throw new WireException("encrypted handshake for a torrent that is not here");
        }
        byte[] skey = new byte[HASH];
        infoHash.copyTo(skey, 0);
        fromPeer = Rc4.mse(sha1(ascii("keyA"), secret, skey));
        fromPeer.crypt(header, HASH, HEADER - HASH);
        for (int k = HASH; k < HASH + 8; k++) {
            if (header[k] != 0) {
                throw new WireException("encrypted handshake: the verification constant does not decrypt to zeros");
            }
        }
        int provide = ByteBuffer.wrap(header, HASH + 8, 4).getInt();
        if ((provide & CRYPTO_PLAINTEXT) == 0) {
            throw new WireException((provide & CRYPTO_RC4) != 0
                    ? "encrypted handshake: the peer requires RC4 for the whole stream, which bitquark does not carry"
                    : "encrypted handshake: crypto_provide 0x" + Integer.toHexString(provide) + " offers no known method");
        }
        remaining = ((header[HEADER - 2] & 0xFF) << 8) | (header[HEADER - 1] & 0xFF);
        if (remaining > MAX_PAD) {
            throw new WireException("encrypted handshake: PadC of " + remaining + " bytes (at most " + MAX_PAD + ")");
        }
        fill = 0;
        step = Step.PAD_C;
    }

    private void skipPad(ByteBuffer in) {
        int n = Math.min(in.remaining(), remaining);
        byte[] pad = new byte[n];
        in.get(pad);
        fromPeer.crypt(pad, 0, n);
        remaining -= n;
        if (remaining == 0) {
            step = Step.IA_LENGTH;
        }
    }

    private void readIaLength(ByteBuffer in, ByteArrayOutputStream out) {
        int n = Math.min(in.remaining(), 2 - fill);
        in.get(two, fill, n);
        fill += n;
        if (fill < 2) {
            return;
        }
        fromPeer.crypt(two, 0, 2);
        remaining = ((two[0] & 0xFF) << 8) | (two[1] & 0xFF);
        initialPayload = new byte[remaining];
        fill = 0;
        step = Step.IA;
        if (remaining == 0) {
            finish(out);
        }
    }

    private void readIa(ByteBuffer in, ByteArrayOutputStream out) {
        int n = Math.min(in.remaining(), initialPayload.length - fill);
        in.get(initialPayload, fill, n);
        fromPeer.crypt(initialPayload, fill, n);
        fill += n;
        if (fill == initialPayload.length) {
            finish(out);
        }
    }

    /** Step 4: VC, crypto_select (plain text) and an empty PadD under RC4B; the payload follows in the clear. */
    private void finish(ByteArrayOutputStream out) {
        byte[] skey = new byte[HASH];
        infoHash.copyTo(skey, 0);
        Rc4 toPeer = Rc4.mse(sha1(ascii("keyB"), secret, skey));
        byte[] reply = new byte[8 + 4 + 2];
        reply[11] = CRYPTO_PLAINTEXT;
        toPeer.crypt(reply, 0, reply.length);
        out.writeBytes(reply);
        step = Step.DONE;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
