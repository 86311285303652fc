package dev.bitquark.wire.mse;

import dev.bitquark.wire.WireException;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * One side's Diffie-Hellman key for MSE: the 768-bit prime P and generator 2 that every MSE client uses, a
 * 160-bit private exponent (the specification asks for at least 128 bits) and the public key as the 96
 * big-endian bytes sent on the wire. Immutable.
 */
final class DhKey {
    static final int BYTES = 96;
    static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
            + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
            + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563", 16);
    private static final BigInteger G = BigInteger.TWO;
    private static final BigInteger P_MINUS_1 = P.subtract(BigInteger.ONE);

    private final BigInteger secret;
    private final byte[] publicKey;

    private DhKey(BigInteger secret) {
        this.secret = secret;
        this.publicKey = toBytes(G.modPow(secret, P));
    }

    static DhKey generate(SecureRandom random) {
        return new DhKey(new BigInteger(160, random).setBit(159));
    }

    /** The public key, 96 bytes. */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * The shared secret S with the peer's public key, 96 bytes. Keys 0, 1 and P-1 and above are refused:
     * they would make S predictable (a peer could force S = 1 and read our negotiation).
     */
    byte[] sharedSecret(byte[] theirs) {
        BigInteger y = new BigInteger(1, theirs);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P_MINUS_1) >= 0) {
            throw new WireException("encrypted handshake: the peer's Diffie-Hellman key is out of range");
        }
        return toBytes(y.modPow(secret, P));
    }

    /** {@code v} (below P) as exactly 96 big-endian bytes. */
    static byte[] toBytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[BYTES];
        int n = Math.min(raw.length, BYTES);
        System.arraycopy(raw, raw.length - n, out, BYTES - n, n);
        return out;
    }
}
