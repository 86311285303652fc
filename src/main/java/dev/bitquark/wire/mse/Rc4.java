package dev.bitquark.wire.mse;

/**
 * RC4 (the keystream cipher MSE uses for its negotiation). MSE throws away the first 1,024 bytes of each
 * keystream, which {@link #mse} does. Used only for the few hundred bytes of a handshake, so a plain loop is
 * enough; keeping it here avoids depending on a JCA provider that still ships "ARCFOUR". Not thread-safe.
 */
final class Rc4 {
    /** MSE discards this many keystream bytes before the first use (the Vuze specification). */
    static final int MSE_DISCARD = 1024;

    private final byte[] s = new byte[256];
    private int i;
    private int j;

    Rc4(byte[] key) {
        if (key.length == 0 || key.length > 256) {
            throw new IllegalArgumentException("RC4 key of " + key.length + " bytes");
        }
        for (int k = 0; k < 256; k++) {
            s[k] = (byte) k;
        }
        int jj = 0;
        for (int k = 0; k < 256; k++) {
            jj = (jj + s[k] + key[k % key.length]) & 0xFF;
            byte t = s[k];
            s[k] = s[jj];
            s[jj] = t;
        }
    }

    /** An RC4 stream keyed with {@code key}, its first {@link #MSE_DISCARD} bytes already thrown away. */
    static Rc4 mse(byte[] key) {
        Rc4 rc4 = new Rc4(key);
        rc4.crypt(new byte[MSE_DISCARD], 0, MSE_DISCARD);
        return rc4;
    }

    /** XORs {@code len} bytes of {@code b} from {@code off} with the keystream, in place. */
    void crypt(byte[] b, int off, int len) {
        for (int k = off; k < off + len; k++) {
            i = (i + 1) & 0xFF;
            jj(s[i]);
            int t = (s[i] + s[j]) & 0xFF;
            b[k] ^= s[t];
        }
    }

    private void jj(byte si) {
        j = (j + si) & 0xFF;
        s[i] = s[j];
        s[j] = si;
    }
}
