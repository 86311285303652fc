package dev.bitquark.app.security;

/**
 * Body of every error the security layer (and the logging API) answers with:
 * {@code {"error": "unauthorized", "message": "..."}}. {@code error} is a stable machine-readable
 * code, {@code message} a sentence for people. Immutable.
 */
public record ApiError(String error, String message) {
}
