package dev.bitquark.app.security;

import java.security.SecureRandom;

/**
 * Random passwords for a first start without a configured one. The alphabet leaves out look-alikes
 * (0/O, 1/l/I) because the password is read off a log by a person; 24 symbols of 57 give about 140
 * bits. Stateless; the caller supplies the {@link SecureRandom} (created at run time, never during a
 * native-image build, where a seeded generator would be frozen into the binary).
 */
public final class PasswordGenerator {
    static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int LENGTH = 24;

    private PasswordGenerator() {
    }

    public static char[] generate(SecureRandom random) {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return out;
    }
}
