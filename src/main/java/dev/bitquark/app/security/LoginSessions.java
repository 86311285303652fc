package dev.bitquark.app.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Browser sessions behind the {@code bitquark_session} cookie. The cookie carries an opaque random
 * 32-byte token; the server keeps only its SHA-256 (a memory dump reveals no usable cookie) with a
 * sliding expiry (default 7 days since last use). At most {@code maxSessions} live sessions: the
 * least recently used one is dropped to make room. Sessions live in memory only, so a restart logs
 * everyone out. Thread-safe (one monitor).
 */
public final class LoginSessions {
    /** Result of presenting a session token. */
    public enum Touch {
        INVALID,
        VALID,
        /** Valid, and the browser's cookie should be re-sent with a fresh Max-Age. */
        VALID_REFRESH
    }

    private static final long REFRESH_NANOS = Duration.ofDays(1).toNanos();

    private static final class Session {
        long lastUsed;
        long cookieIssued;
    }

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private final Map<String, Session> sessions;

    public LoginSessions(Duration ttl, int maxSessions, LongSupplier nanoClock, SecureRandom random) {
        if (ttl.isNegative() || ttl.isZero() || maxSessions < 1) {
            throw new IllegalArgumentException("session ttl and count must be positive: " + ttl + ", " + maxSessions);
        }
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        this.random = random;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > maxSessions;
            }
        };
    }

    /** Opens a session; returns the token for the cookie (shown to nobody else). */
    public String create() {
        String token = Tokens.random(random);
        long now = nanoClock.getAsLong();
        Session s = new Session();
        s.lastUsed = now;
        s.cookieIssued = now;
        synchronized (this) {
            purge(now);
            sessions.put(key(token), s);
        }
        return token;
    }

    /** Checks a token and, when valid, restarts its expiry. */
    public Touch touch(String token) {
        if (!Tokens.wellFormed(token, 64)) {
            return Touch.INVALID;
        }
        String key = key(token);
        long now = nanoClock.getAsLong();
        synchronized (this) {
            Session s = sessions.get(key);
            if (s == null) {
                return Touch.INVALID;
            }
            if (now - s.lastUsed >= ttlNanos) {
                sessions.remove(key);
                return Touch.INVALID;
            }
            s.lastUsed = now;
            if (now - s.cookieIssued >= REFRESH_NANOS) {
                s.cookieIssued = now;
                return Touch.VALID_REFRESH;
            }
            return Touch.VALID;
        }
    }

    /** Ends a session (logout); unknown tokens are ignored. */
    public void remove(String token) {
        if (Tokens.wellFormed(token, 64)) {
            String key = key(token);
            synchronized (this) {
                sessions.remove(key);
            }
        }
    }

    public synchronized int size() {
        return sessions.size();
    }

    public long ttlSeconds() {
        return ttlNanos / 1_000_000_000L;
    }

    private void purge(long now) {
        // Access order: the least recently used sessions come first.
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastUsed >= ttlNanos) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private static String key(String token) {
        return HexFormat.of().formatHex(Tokens.sha256(token));
    }
}
