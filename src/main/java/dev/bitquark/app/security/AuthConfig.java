package dev.bitquark.app.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code bitquark.auth.*}: the API/UI password and the login limits. Environment variables follow
 * the usual form, e.g. {@code BITQUARK_AUTH_PASSWORD}, {@code BITQUARK_AUTH_LOCALHOST_BYPASS}.
 * Immutable, read at start-up.
 */
@ConfigMapping(prefix = "bitquark.auth")
public interface AuthConfig {

    /**
     * The password. Unset or empty: one is generated on the first start, printed once, and only its
     * hash is kept in {@code <data dir>/auth.bq}.
     */
    Optional<String> password();

    /**
     * Requests from a loopback address that carry no forwarding header skip the login. Off by
     * default: a sidecar or port-forward in the same network namespace also comes from loopback.
     */
    @WithDefault("false")
    boolean localhostBypass();

    /** Require a login for {@code /q/metrics} too (off: Prometheus scrapes without credentials). */
    @WithDefault("false")
    boolean protectMetrics();

    /** A browser session ends after this long without a request. */
    @WithDefault("7d")
    Duration sessionTtl();

    /** Live browser sessions kept; the least recently used is dropped beyond this. */
    @WithDefault("1000")
    int maxSessions();

    /** Failed password checks per client per minute before 429 answers. */
    @WithDefault("5")
    int maxFailuresPerMinute();

    /** Failed or refused password attempts that ban a client. */
    @WithDefault("20")
    int banAfterFailures();

    /** How long a ban lasts. */
    @WithDefault("15m")
    Duration banDuration();
}
