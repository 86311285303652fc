package dev.bitquark.app.security;

/**
 * The password or token store cannot be used (unreadable, damaged or unwritable file, unusable
 * configured password). The message names the file or setting and how to fix it. Start-up fails
 * with it rather than running without authentication.
 */
public class AuthSetupException extends RuntimeException {
    public AuthSetupException(String message) {
        super(message);
    }
}
