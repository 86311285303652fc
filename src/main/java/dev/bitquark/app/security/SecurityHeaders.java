package dev.bitquark.app.security;

import io.vertx.core.MultiMap;

/**
 * Headers every response carries. The web UI's Content-Security-Policy has no 'unsafe-inline': a
 * torrent or file name carrying markup can at worst show as text (the UI renders text, and any
 * injected inline script would not run). Swagger UI (and the development console under
 * {@code /q/dev-ui}) ship inline scripts and styles, so only those paths get a looser policy.
 * Stateless.
 */
public final class SecurityHeaders {
    /** The policy of the web UI and of every API response. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " object-src 'none'; base-uri 'none'";

    /** Swagger UI only: it needs its inline bootstrap script and styles, and data: images. */
    public static final String DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    private SecurityHeaders() {
    }

    static void apply(MultiMap headers, String canonicalPath) {
        boolean docs = canonicalPath.equals("/q/swagger-ui") || canonicalPath.startsWith("/q/swagger-ui/")
                || canonicalPath.equals("/q/dev-ui") || canonicalPath.startsWith("/q/dev-ui/");
        headers.set("Content-Security-Policy", docs ? DOCS_CSP : CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        if (canonicalPath.equals("/api") || canonicalPath.startsWith("/api/")) {
            // API answers are per-user state: never from a shared or browser cache.
            headers.set("Cache-Control", "no-store");
        }
    }
}
