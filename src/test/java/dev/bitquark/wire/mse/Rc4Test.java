package dev.bitquark.wire.mse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class Rc4Test {
    private static byte[] crypt(String key, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        new Rc4(key.getBytes(StandardCharsets.US_ASCII)).crypt(b, 0, b.length);
        return b;
    }

    @Test
    void matchesThePublishedTestVectors() {
        HexFormat hex = HexFormat.of();
        assertArrayEquals(hex.parseHex("bbf316e8d940af0ad3"), crypt("Key", "Plaintext"));
        assertArrayEquals(hex.parseHex("1021bf0420"), crypt("Wiki", "pedia"));
        assertArrayEquals(hex.parseHex("45a01f645fc35b383552544b9bf5"), crypt("Secret", "Attack at dawn"));
    }

    /** The JDK's own RC4, in pieces of odd sizes, after MSE's 1,024-byte discard. */
    @Test
    void msestreamMatchesTheJdksRc4InAnyChunking() throws Exception {
        Random r = new Random(7);
        byte[] key = new byte[20];
        r.nextBytes(key);
        byte[] data = new byte[5000];
        r.nextBytes(data);
        Cipher jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        jdk.update(new byte[Rc4.MSE_DISCARD]);
        byte[] expected = jdk.update(data);
        Rc4 ours = Rc4.mse(key);
        byte[] got = data.clone();
        for (int off = 0, n = 1; off < got.length; off += n, n = n * 3 + 1) {
            ours.crypt(got, off, Math.min(n, got.length - off));
        }
        assertArrayEquals(expected, got);
    }
}
