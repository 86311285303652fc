package dev.bitquark.app.security;

import dev.bitquark.app.config.BitquarkConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The credentials of this server: the password hash, browser sessions, API tokens and the login
 * limiter, set up at start-up (at run time: the generated password and every random value come from
 * a {@link SecureRandom} created here, never during a native-image build).
 *
 * <p>A password check costs one PBKDF2 derivation (hundreds of ms), so it runs on a worker thread,
 * at most {@value #PARALLEL_HASHES} at once, and only after the {@link LoginLimiter} agreed. Scripts
 * sending HTTP Basic on every request must not pay that each time: once a password has been
 * verified, an HMAC of it under a per-process random key is remembered, and later requests with
 * the same password are accepted by comparing HMACs ({@link MessageDigest#isEqual}). Thread-safe.
 */
@ApplicationScoped
public class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    static final int PARALLEL_HASHES = 2;

    /** Outcome of presenting a password. */
    public enum Result { ACCEPTED, REJECTED, LIMITED, BANNED, BUSY, NEEDS_HASHING }

    /** {@code retryAfterSeconds} is set for LIMITED, BANNED and BUSY. */
    public record PasswordCheck(Result result, long retryAfterSeconds) {
        static final PasswordCheck ACCEPT = new PasswordCheck(Result.ACCEPTED, 0);
        static final PasswordCheck REJECT = new PasswordCheck(Result.REJECTED, 0);
        static final PasswordCheck HASH = new PasswordCheck(Result.NEEDS_HASHING, 0);
    }

    private final AuthConfig config;
    private final BitquarkConfig app;
    private final SecureRandom random = new SecureRandom();
    private final byte[] macKey = new byte[32];
    private final Semaphore hashing = new Semaphore(PARALLEL_HASHES);
    private final LoginLimiter limiter;
    private final LoginSessions sessions;
    private volatile PasswordHash hash;
    private volatile PasswordStore.Loaded loaded;
    /** A password verified against {@code hash} (its HMAC): valid only while that hash is the one in force. */
    private record Verified(PasswordHash hash, byte[] mac) {
    }

    private volatile Verified verified;
    private volatile ApiTokens tokens;

    Authenticator(AuthConfig config, BitquarkConfig app) {
        this.config = config;
        this.app = app;
        random.nextBytes(macKey);
        this.limiter = new LoginLimiter(config.maxFailuresPerMinute(), Duration.ofMinutes(1),
                config.banAfterFailures(), config.banDuration(), 10_000, System::nanoTime);
        this.sessions = new LoginSessions(config.sessionTtl(), config.maxSessions(), System::nanoTime, random);
    }

    /** Early, so that the password is in place before the first request can need it. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        PasswordStore.Loaded loaded = PasswordStore.open(app.dataDir(), config.password(), random);
        switch (loaded.source()) {
            case CONFIGURATION -> LOG.info("API password: from bitquark.auth.password");
            case FILE -> LOG.infof("API password: hash from %s", loaded.file());
            case GENERATED -> announce(loaded);
        }
        tokens = ApiTokens.open(app.dataDir(), random);
        this.loaded = loaded;
        hash = loaded.hash();
        if (config.localhostBypass()) {
            LOG.warn("bitquark.auth.localhost-bypass is on: requests from loopback without a forwarding header"
                    + " skip the login. Anything else in this host or pod (sidecars, port-forwards) gets in too.");
        }
    }

    private static void announce(PasswordStore.Loaded loaded) {
        char[] pw = loaded.generatedPassword();
        String line = "=".repeat(78);
        LOG.warnf("%n%s%n No API password is configured (bitquark.auth.password / BITQUARK_AUTH_PASSWORD),"
                + " so bitquark generated%n one for the web UI and the API. It is shown ONLY THIS ONCE; store it now:%n%n"
                + "     %s%n%n Only its hash is kept, in %s.%n To choose your own, set BITQUARK_AUTH_PASSWORD;"
                + " to get a new one, delete that file and restart.%n%s",
                line, new String(pw), loaded.file(), line);
        Arrays.fill(pw, '\0');
    }

    /** Whether the password can be changed through the API: not when the configuration sets it (it would win again). */
    public boolean passwordChangeable() {
        PasswordStore.Loaded l = loaded;
        return l != null && l.source() != PasswordStore.Source.CONFIGURATION;
    }

    /**
     * Replaces the password: its hash is written to {@code auth.bq} (atomically and durably) before it
     * is used, and passwords verified before stop being remembered. Blocking (PBKDF2, file I/O).
     *
     * @throws IllegalStateException when the configuration sets the password
     * @throws IllegalArgumentException when the new password is unusable
     */
    public synchronized void changePassword(char[] next) {
        PasswordStore.Loaded l = loaded;
        if (l == null || l.source() == PasswordStore.Source.CONFIGURATION) {
            throw new IllegalStateException("the password is set by bitquark.auth.password (BITQUARK_AUTH_PASSWORD):"
                    + " change it there and restart");
        }
        PasswordHash h = PasswordHash.create(next, random);
        PasswordStore.write(l.file(), h);
        hash = h; // first: a check still running against the old hash then cannot make it remembered again
        verified = null;
        LOG.infof("API password changed through the API; its hash is in %s", l.file());
    }

    /** False until start-up has loaded the password: requests needing a login then get 503. */
    public boolean ready() {
        return hash != null;
    }

    public LoginSessions sessions() {
        return sessions;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public AuthConfig config() {
        return config;
    }

    /**
     * The part of a password check that never blocks: bans, and passwords verified before. Returns
     * NEEDS_HASHING when {@link #checkSlowly} must decide.
     */
    public PasswordCheck checkQuickly(String client, String password) {
        LoginLimiter.Decision ban = limiter.banStatus(client);
        if (ban.banned()) {
            return new PasswordCheck(Result.BANNED, ban.retryAfterSeconds());
        }
        if (password == null || password.isEmpty() || password.length() > PasswordHash.MAX_PASSWORD_CHARS) {
            return PasswordCheck.REJECT;
        }
        Verified known = verified;
        if (known != null && known.hash() == hash && MessageDigest.isEqual(mac(password), known.mac())) {
            return PasswordCheck.ACCEPT;
        }
        return PasswordCheck.HASH;
    }

    /** The full check, with PBKDF2; blocking, call on a worker thread. */
    public PasswordCheck checkSlowly(String client, String password) {
        PasswordHash h = hash;
        if (h == null) {
            return new PasswordCheck(Result.BUSY, 5);
        }
        LoginLimiter.Decision d = limiter.begin(client);
        if (d.banStarted()) {
            logBan(client);
        }
        if (!d.allowed()) {
            return new PasswordCheck(d.banned() ? Result.BANNED : Result.LIMITED, d.retryAfterSeconds());
        }
        if (!hashing.tryAcquire()) {
            limiter.cancel(client); // not the client's fault: neither a failure nor a success
            return new PasswordCheck(Result.BUSY, 1);
        }
        boolean ok = false;
        char[] pw = password.toCharArray();
        try {
            ok = h.matches(pw);
        } finally {
            Arrays.fill(pw, '\0');
            hashing.release();
            if (limiter.finish(client, ok)) {
                logBan(client);
            }
        }
        if (ok) {
            // Remembered only for the hash it was checked against, and only if that is still the one in force.
            if (hash == h) {
                verified = new Verified(h, mac(password));
            }
            return PasswordCheck.ACCEPT;
        }
        return PasswordCheck.REJECT;
    }

    private void logBan(String client) {
        LOG.warnf("login: %s banned for %s after %d failed or refused password attempts", client,
                config.banDuration(), config.banAfterFailures());
    }

    /** Both steps; blocking. */
    public PasswordCheck check(String client, String password) {
        PasswordCheck quick = checkQuickly(client, password);
        return quick.result() == Result.NEEDS_HASHING ? checkSlowly(client, password) : quick;
    }

    private byte[] mac(String password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
