package dev.bitquark.app.security;

/**
 * The {@code Set-Cookie} values of the browser session: HttpOnly (no script reads it), SameSite=Strict
 * (no cross-site request carries it), Path=/, and Secure when the browser talks https. Stateless.
 */
public final class SessionCookies {
    public static final String NAME = "bitquark_session";

    private SessionCookies() {
    }

    /** Sets {@code token} for {@code maxAgeSeconds}. */
    public static String issue(String token, boolean secure, long maxAgeSeconds) {
        return NAME + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Deletes the cookie in the browser. */
    public static String clear(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
