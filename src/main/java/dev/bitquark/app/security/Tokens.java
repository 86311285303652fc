package dev.bitquark.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random opaque tokens and their SHA-256 digests (what is kept instead of the token). Stateless. */
final class Tokens {
    static final int TOKEN_BYTES = 32;

    private Tokens() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String random(SecureRandom random) {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Only base64url characters, bounded length: anything else is not one of ours. */
    static boolean wellFormed(String token, int maxLength) {
        if (token == null || token.isEmpty() || token.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
