package dev.bitquark.app.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Password-guessing brake per client (an IPv4 address or an IPv6 /64, see {@link ClientKey}).
 * A client may have at most {@code maxFailures} failed password checks in any {@code window}
 * (default 5 per minute); beyond that it gets "retry after N s" without its password being checked.
 * Every failed or refused attempt is a strike; {@code banAfter} strikes (default 20) ban the client
 * for {@code banDuration} (default 15 min), during which even the right password is refused.
 * Strikes are forgotten after a successful login or after an hour without one.
 *
 * <p>A check in progress counts against the window, so parallel guesses cannot overshoot it. The
 * table holds at most {@code maxClients} entries; when full, the entry used longest ago is dropped.
 * Thread-safe (one monitor; no call leaves this object while it is held).
 */
public final class LoginLimiter {
    private static final long STRIKE_MEMORY_NANOS = Duration.ofHours(1).toNanos();

    /** The verdict on starting a password check; {@code banStarted} only on the attempt that caused the ban. */
    public record Decision(boolean allowed, boolean banned, long retryAfterSeconds, boolean banStarted) {
        static final Decision ALLOW = new Decision(true, false, 0, false);
    }

    private static final class Client {
        final ArrayDeque<Long> failures = new ArrayDeque<>();
        int inFlight;
        int strikes;
        long lastStrike;
        long bannedUntil;
        boolean banned;
    }

    private final int maxFailures;
    private final long windowNanos;
    private final int banAfter;
    private final long banNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Client> clients;

    public LoginLimiter(int maxFailures, Duration window, int banAfter, Duration banDuration, int maxClients,
                        LongSupplier nanoClock) {
        if (maxFailures < 1 || banAfter < 1 || maxClients < 1 || window.isNegative() || window.isZero()
                || banDuration.isNegative()) {
            throw new IllegalArgumentException("login limits must be positive: maxFailures=" + maxFailures
                    + " window=" + window + " banAfter=" + banAfter + " ban=" + banDuration
                    + " maxClients=" + maxClients);
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.banAfter = banAfter;
        this.banNanos = banDuration.toNanos();
        this.nanoClock = nanoClock;
        this.clients = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Asks to check one password for {@code client}. When allowed, the caller must report the result
     * with {@link #finish}; when not, the refusal has already been counted as a strike.
     */
    public synchronized Decision begin(String client) {
        long now = nanoClock.getAsLong();
        Client c = clients.get(client);
        if (c == null) {
            c = new Client();
            clients.put(client, c);
        }
        expire(c, now);
        if (c.banned) {
            return new Decision(false, true, seconds(c.bannedUntil - now), false);
        }
        if (c.failures.size() + c.inFlight >= maxFailures) {
            long oldest = c.failures.isEmpty() ? now : c.failures.peekFirst();
            if (strike(c, now)) {
                return new Decision(false, true, seconds(c.bannedUntil - now), true);
            }
            return new Decision(false, false, Math.max(1, seconds(oldest + windowNanos - now)), false);
        }
        c.inFlight++;
        return Decision.ALLOW;
    }

    /**
     * The ban verdict alone, without counting anything: used before accepting an already verified
     * password, so that a banned client gets nothing, not even confirmation of a right guess.
     */
    public synchronized Decision banStatus(String client) {
        Client c = clients.get(client);
        if (c == null) {
            return Decision.ALLOW;
        }
        long now = nanoClock.getAsLong();
        expire(c, now);
        return c.banned ? new Decision(false, true, seconds(c.bannedUntil - now), false) : Decision.ALLOW;
    }

    /** Reports the outcome of a check that {@link #begin} allowed; true when this failure started a ban. */
    public synchronized boolean finish(String client, boolean success) {
        long now = nanoClock.getAsLong();
        Client c = clients.get(client);
        if (c == null) {
            return false; // evicted meanwhile
        }
        c.inFlight = Math.max(0, c.inFlight - 1);
        if (success) {
            if (!c.banned && c.inFlight == 0) {
                clients.remove(client);
            } else {
                c.strikes = 0;
            }
            return false;
        }
        c.failures.addLast(now);
        return strike(c, now);
    }

    /** Withdraws a check that {@link #begin} allowed but that never ran (server busy): no strike, no reset. */
    public synchronized void cancel(String client) {
        Client c = clients.get(client);
        if (c != null) {
            c.inFlight = Math.max(0, c.inFlight - 1);
        }
    }

    /** Number of clients currently tracked (for tests and metrics). */
    public synchronized int trackedClients() {
        return clients.size();
    }

    /** Counts a strike; true when it started a ban. */
    private boolean strike(Client c, long now) {
        if (c.strikes > 0 && now - c.lastStrike > STRIKE_MEMORY_NANOS) {
            c.strikes = 0;
        }
        c.strikes++;
        c.lastStrike = now;
        if (c.strikes >= banAfter) {
            c.banned = true;
            c.bannedUntil = now + banNanos;
            c.strikes = 0;
            return true;
        }
        return false;
    }

    private void expire(Client c, long now) {
        if (c.banned && now - c.bannedUntil >= 0) {
            c.banned = false;
            c.failures.clear();
        }
        for (Iterator<Long> it = c.failures.iterator(); it.hasNext(); ) {
            if (now - it.next() >= windowNanos) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
