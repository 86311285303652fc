package dev.bitquark.app.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 hash of the API password (JDK only). Encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. Checking a password derives the
 * candidate hash and compares with {@link MessageDigest#isEqual}, whose running time does not depend
 * on where the first differing byte is. Immutable and thread-safe; {@link #matches} is CPU-heavy
 * (hundreds of milliseconds on a Raspberry Pi), so never call it on an event loop.
 */
public final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2021 figure for PBKDF2-HMAC-SHA256; about 0.3 s per check on the project's machine. */
    public static final int DEFAULT_ITERATIONS = 310_000;
    static final int MIN_ITERATIONS = 100_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Longer input is refused before hashing so that a request cannot buy unbounded CPU. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static PasswordHash create(char[] password, SecureRandom random) {
        return create(password, random, DEFAULT_ITERATIONS);
    }

    static PasswordHash create(char[] password, SecureRandom random, int iterations) {
        checkPassword(password);
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in [" + MIN_ITERATIONS + ", " + MAX_ITERATIONS
                    + "], got " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /** True when {@code password} is the hashed one; constant-time comparison of the derived hashes. */
    public boolean matches(char[] password) {
        if (password == null || password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        byte[] candidate = derive(password, salt, iterations, hash.length);
        return MessageDigest.isEqual(candidate, hash);
    }

    public int iterations() {
        return iterations;
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} with standard base64. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Parses {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static PasswordHash decode(String encoded) {
        if (encoded == null || encoded.length() > 512) {
            throw new IllegalArgumentException("password hash is missing or longer than 512 characters");
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("password hash must look like " + SCHEME
                    + "$<iterations>$<salt>$<hash>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash iterations '" + parts[1] + "' is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("password hash iterations " + iterations + " outside ["
                    + MIN_ITERATIONS + ", " + MAX_ITERATIONS + "]");
        }
        byte[] salt = base64(parts[2], "salt");
        byte[] hash = base64(parts[3], "hash");
        if (salt.length < 8) {
            throw new IllegalArgumentException("password hash salt is " + salt.length + " bytes, at least 8 needed");
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("password hash is " + hash.length + " bytes, expected 16 to 64");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password hash " + what + " is not valid base64: " + e.getMessage());
        }
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("password must not be empty");
        }
        if (password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password is longer than " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            // A new factory per call: SecretKeyFactory instances are not thread-safe.
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations && MessageDigest.isEqual(p.salt, salt)
                && MessageDigest.isEqual(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }
}
