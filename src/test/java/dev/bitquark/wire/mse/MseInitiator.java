package dev.bitquark.wire.mse;

import dev.bitquark.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opening side of MSE for tests, written apart from {@link MseResponder} (the JDK's RC4, its own key
 * and hash code) so that a shared mistake does not pass unnoticed.
 */
public final class MseInitiator {
    private final Random random;
    private final BigInteger secret;
    private byte[] s;
    private byte[] skey;

    public MseInitiator(Random random) {
        this.random = random;
        this.secret = new BigInteger(160, random).setBit(159);
    }

    byte[] publicKey() {
        return DhKey.toBytes(BigInteger.TWO.modPow(secret, DhKey.P));
    }

    /** Step 1: Ya and {@code pad} random bytes. */
    public byte[] step1(int pad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(publicKey());
        out.writeBytes(randomBytes(pad));
        return out.toByteArray();
    }

    /** Step 3, after reading the responder's key {@code yb}. */
    public byte[] step3(byte[] yb, InfoHash infoHash, int provide, int padC, byte[] ia) throws Exception {
        s = DhKey.toBytes(new BigInteger(1, yb).modPow(secret, DhKey.P));
        skey = new byte[20];
        infoHash.copyTo(skey, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hash("req1", s));
        byte[] req2 = hash("req2", skey);
        byte[] req3 = hash("req3", s);
        for (int k = 0; k < 20; k++) {
            out.write(req2[k] ^ req3[k]);
        }
        ByteBuffer plain = ByteBuffer.allocate(8 + 4 + 2 + padC + 2 + ia.length);
        plain.put(new byte[8]).putInt(provide).putShort((short) padC).put(randomBytes(padC))
                .putShort((short) ia.length).put(ia);
        out.writeBytes(rc4("keyA").update(plain.array()));
        return out.toByteArray();
    }

    /** Step 4 as read back: {@code crypto_select}, after checking VC and PadD's length. */
    public int readStep4(byte[] reply) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(rc4("keyB").update(reply));
        if (b.getLong() != 0) {
            throw new AssertionError("VC is not zero");
        }
        int select = b.getInt();
        int padD = b.getShort() & 0xFFFF;
        if (b.remaining() != padD) {
            throw new AssertionError("PadD of " + padD + " but " + b.remaining() + " bytes");
        }
        return select;
    }

    private Cipher rc4(String name) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        md.update(name.getBytes(StandardCharsets.US_ASCII));
        md.update(s);
        md.update(skey);
        Cipher c = Cipher.getInstance("ARCFOUR");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(md.digest(), "ARCFOUR"));
        c.update(new byte[1024]);
        return c;
    }

    private static byte[] hash(String name, byte[] value) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        md.update(name.getBytes(StandardCharsets.US_ASCII));
        return md.digest(value);
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
