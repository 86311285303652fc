package dev.bitquark.app.security;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.security.Authenticator.PasswordCheck;
import dev.bitquark.app.security.RequestFacts.AuthMethod;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The one gate in front of every HTTP request: REST resources, WebSocket upgrades, static UI files
 * and {@code /q}. A Vert.x route filter (priority above {@code SpaFallback}), so nothing is served
 * around it. Order of checks, each answering JSON {@code {"error","message"}}:
 * <ol>
 * <li>security headers on whatever response follows;
 * <li>Host allow-list (DNS rebinding) → 421;
 * <li>{@code Sec-Fetch-Site: cross-site} on API calls, state changes and upgrades → 403;
 * <li>a foreign {@code Origin} on a state change or WebSocket upgrade → 403;
 * <li>open paths ({@link PathRules}) pass;
 * <li>credentials: {@code Authorization: Basic} (any user, the password) or {@code Bearer} (API
 *     token), else, for GET/HEAD of a media stream or playlist only ({@link PathRules#acceptsQueryToken}),
 *     an API token in {@code ?token=}, else the session cookie, else the optional loopback bypass → 401
 *     when none fits (with a Basic challenge on media paths, for players), 429 when the client is
 *     rate-limited or banned;
 * <li>a cookie-authenticated state change or upgrade without {@code Origin} → 403 (browsers always
 *     send it there; its absence means the request did not come from our page).
 * </ol>
 * Runs on the event loop; the PBKDF2 check of a password not verified before goes to a worker.
 */
@ApplicationScoped
public class SecurityFilter {
    private static final Logger LOG = Logger.getLogger(SecurityFilter.class);
    /** Higher runs earlier; SpaFallback uses 100. */
    static final int PRIORITY = 10_000;

    private final Authenticator auth;
    private final HostPolicy hosts;
    private final TrustedProxies proxies;

    SecurityFilter(Authenticator auth, BitquarkConfig app) {
        this.auth = auth;
        this.hosts = new HostPolicy(app.http().allowedHosts().orElse(List.of()));
        this.proxies = TrustedProxies.parse(app.http().trustedProxies().orElse(List.of()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String path = PathRules.canonical(rc.normalizedPath());
        // Again after a reroute (SpaFallback, directory index pages): rerouting drops the handlers.
        rc.addHeadersEndHandler(v -> SecurityHeaders.apply(rc.response().headers(), path));
        if (rc.get(RequestFacts.KEY) != null) {
            rc.next(); // a reroute of a request that already passed
            return;
        }
        HttpServerRequest req = rc.request();
        RequestFacts facts = RequestFacts.of(req, proxies);
        rc.put(RequestFacts.KEY, facts);

        if (!hosts.allows(facts.host())) {
            fail(rc, 421, "host_not_allowed", facts.host() == null
                    ? "the request names no host"
                    : "host '" + clip(facts.host()) + "' is not served here; add it to bitquark.http.allowed-hosts");
            return;
        }
        String method = req.method().name();
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
        boolean guarded = upgrade || !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        if ((guarded || PathRules.isApi(path)) && "cross-site".equalsIgnoreCase(req.getHeader("Sec-Fetch-Site"))) {
            fail(rc, 403, "cross_site", "cross-site requests are refused");
            return;
        }
        String origin = req.getHeader("Origin");
        if (guarded && origin != null
                && !OriginPolicy.sameOrigin(origin, facts.scheme(), facts.host(), facts.port())) {
            fail(rc, 403, "origin_mismatch", "origin '" + clip(origin) + "' may not change state here");
            return;
        }
        if (PathRules.classify(method, path, auth.config().protectMetrics()) == PathRules.Access.OPEN) {
            rc.next();
            return;
        }
        if (!auth.ready()) {
            rc.response().putHeader("Retry-After", "5");
            fail(rc, 503, "starting", "bitquark is starting; try again in a few seconds");
            return;
        }
        PathRules.Surface surface = PathRules.surface(path);
        if (surface != PathRules.Surface.OWN) {
            compatible(rc, facts, surface);
            return;
        }
        authenticate(rc, facts, guarded && origin == null, PathRules.acceptsQueryToken(method, path));
    }

    /**
     * The compatibility APIs (Transmission RPC, qBittorrent API v2): the same password and API tokens as ours, and
     * qBittorrent's {@code SID} cookie (a login session of ours). Script clients send neither {@code Origin} nor
     * {@code Referer}, so a cookie state change without them is allowed here, as qBittorrent allows it: its cookie
     * is {@code SameSite=Strict} (never sent cross-site) and cross-site requests are refused above. A
     * {@code Referer} naming another host is refused, as qBittorrent does. With the loopback bypass on, a direct
     * loopback client passes whatever credentials it sends (Sonarr sends Basic even with an empty password).
     */
    private void compatible(RoutingContext rc, RequestFacts facts, PathRules.Surface surface) {
        HttpServerRequest req = rc.request();
        Runnable refuse = surface == PathRules.Surface.TRANSMISSION
                ? () -> {
                    rc.response().headers().add("WWW-Authenticate", "Basic realm=\"Transmission\"");
                    plain(rc, 401, "<h1>401: Unauthorized</h1>Unauthorized User");
                }
                : () -> plain(rc, 403, "Forbidden");
        if (surface == PathRules.Surface.QBITTORRENT && crossSite(req, facts)) {
            plain(rc, 401, "Unauthorized");
            return;
        }
        if (auth.config().localhostBypass() && facts.directFromLoopback()) {
            pass(rc, facts, AuthMethod.LOCALHOST);
            return;
        }
        String authorization = req.getHeader("Authorization");
        if (authorization != null) {
            int sp = authorization.indexOf(' ');
            String scheme = sp < 0 ? authorization : authorization.substring(0, sp);
            String credentials = sp < 0 ? "" : authorization.substring(sp + 1).strip();
            if ("Basic".equalsIgnoreCase(scheme)) {
                String password = basicPassword(credentials);
                if (password == null) {
                    refuse.run();
                    return;
                }
                PasswordCheck quick = auth.checkQuickly(facts.clientKey(), password);
                if (quick.result() != Authenticator.Result.NEEDS_HASHING) {
                    compatPassword(rc, facts, quick, refuse);
                    return;
                }
                rc.vertx().executeBlocking(() -> auth.checkSlowly(facts.clientKey(), password), false)
                        .onComplete(ar -> {
                            if (ar.succeeded()) {
                                compatPassword(rc, facts, ar.result(), refuse);
                            } else {
                                LOG.errorf(ar.cause(), "password check failed");
                                plain(rc, 500, "the password could not be checked");
                            }
                        });
                return;
            }
            if ("Bearer".equalsIgnoreCase(scheme) && auth.tokens().verify(credentials)) {
                pass(rc, facts, AuthMethod.BEARER);
                return;
            }
            if (!"Bearer".equalsIgnoreCase(scheme) || surface == PathRules.Surface.TRANSMISSION) {
                refuse.run();
                return;
            }
        }
        for (String name : List.of(QBITTORRENT_COOKIE, SessionCookies.NAME)) {
            for (Cookie c : req.cookies(name)) {
                if (auth.sessions().touch(c.getValue()) != LoginSessions.Touch.INVALID) {
                    pass(rc, facts, AuthMethod.COOKIE);
                    return;
                }
            }
        }
        refuse.run();
    }

    /**
     * qBittorrent's CSRF rule ({@code isCrossSiteRequest}), for every method since its actions also run on GET: an
     * {@code Origin} must be ours; without one, a {@code Referer} must be; without either, {@code Sec-Fetch-Site}
     * must be absent, {@code same-origin} or {@code none}. Script clients send none of them and pass; a page on a
     * sibling host or port (same-site, with the cookie) does not.
     */
    static boolean crossSite(HttpServerRequest req, RequestFacts facts) {
        String origin = req.getHeader("Origin");
        if (origin != null) {
            return !OriginPolicy.sameOrigin(origin, facts.scheme(), facts.host(), facts.port());
        }
        String referer = req.getHeader("Referer");
        if (referer != null) {
            return !OriginPolicy.sameOrigin(originOf(referer), facts.scheme(), facts.host(), facts.port());
        }
        String site = req.getHeader("Sec-Fetch-Site");
        return site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
    }

    /** {@code scheme://host[:port]} of a Referer URL, or null if it is not one. */
    static String originOf(String url) {
        try {
            java.net.URI u = new java.net.URI(url.length() > 2048 ? url.substring(0, 2048) : url);
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            return u.getScheme() + "://" + (u.getHost().contains(":") && !u.getHost().startsWith("[")
                    ? "[" + u.getHost() + "]" : u.getHost()) + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The cookie qBittorrent's login sets (4.x–5.1), which its clients send back. */
    public static final String QBITTORRENT_COOKIE = "SID";

    private static void compatPassword(RoutingContext rc, RequestFacts facts, PasswordCheck check, Runnable refuse) {
        switch (check.result()) {
            case ACCEPTED -> pass(rc, facts, AuthMethod.BASIC);
            case REJECTED -> refuse.run();
            default -> {
                rc.response().putHeader("Retry-After", Long.toString(check.retryAfterSeconds()));
                plain(rc, check.result() == Authenticator.Result.BUSY ? 503 : 429, "too many failed logins; retry in "
                        + check.retryAfterSeconds() + " s");
            }
        }
    }

    private static void plain(RoutingContext rc, int status, String body) {
        HttpServerResponse r = rc.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", body.startsWith("<") ? "text/html; charset=UTF-8"
                : "text/plain; charset=UTF-8").end(body);
    }

    private void authenticate(RoutingContext rc, RequestFacts facts, boolean noOrigin, boolean media) {
        HttpServerRequest req = rc.request();
        String authorization = req.getHeader("Authorization");
        if (authorization != null) {
            int sp = authorization.indexOf(' ');
            String scheme = sp < 0 ? authorization : authorization.substring(0, sp);
            String credentials = sp < 0 ? "" : authorization.substring(sp + 1).strip();
            if ("Basic".equalsIgnoreCase(scheme)) {
                basic(rc, facts, credentials);
            } else if ("Bearer".equalsIgnoreCase(scheme)) {
                if (auth.tokens().verify(credentials)) {
                    pass(rc, facts, AuthMethod.BEARER);
                } else {
                    unauthorized(rc, "unknown or revoked API token");
                }
            } else {
                unauthorized(rc, "unsupported Authorization scheme; use Basic or Bearer");
            }
            return;
        }
        String queryToken = media ? req.getParam(PathRules.TOKEN_PARAMETER) : null;
        if (queryToken != null) {
            if (auth.tokens().verify(queryToken)) {
                pass(rc, facts, AuthMethod.QUERY_TOKEN);
            } else {
                mediaUnauthorized(rc, "unknown or revoked API token in ?" + PathRules.TOKEN_PARAMETER);
            }
            return;
        }
        boolean stale = false;
        for (Cookie c : req.cookies(SessionCookies.NAME)) {
            LoginSessions.Touch t = auth.sessions().touch(c.getValue());
            if (t == LoginSessions.Touch.INVALID) {
                stale = true;
                continue;
            }
            if (noOrigin) {
                fail(rc, 403, "origin_required",
                        "a state change with the session cookie must come from the web UI (Origin header missing)");
                return;
            }
            if (t == LoginSessions.Touch.VALID_REFRESH) {
                rc.response().headers().add("Set-Cookie",
                        SessionCookies.issue(c.getValue(), facts.secure(), auth.sessions().ttlSeconds()));
            }
            pass(rc, facts, AuthMethod.COOKIE);
            return;
        }
        if (auth.config().localhostBypass() && facts.directFromLoopback()) {
            pass(rc, facts, AuthMethod.LOCALHOST);
            return;
        }
        if (media) {
            mediaUnauthorized(rc, "login required: use ?" + PathRules.TOKEN_PARAMETER
                    + "=<API token> or HTTP Basic (any user, the password)");
            return;
        }
        unauthorized(rc, stale ? "session expired; log in again" : "login required");
    }

    private void basic(RoutingContext rc, RequestFacts facts, String credentials) {
        String password = basicPassword(credentials);
        if (password == null) {
            unauthorized(rc, "malformed Basic credentials");
            return;
        }
        String client = facts.clientKey();
        PasswordCheck quick = auth.checkQuickly(client, password);
        if (quick.result() != Authenticator.Result.NEEDS_HASHING) {
            afterPassword(rc, facts, quick);
            return;
        }
        rc.vertx().executeBlocking(() -> auth.checkSlowly(client, password), false).onComplete(ar -> {
            if (ar.succeeded()) {
                afterPassword(rc, facts, ar.result());
            } else {
                LOG.errorf(ar.cause(), "password check failed");
                fail(rc, 500, "internal", "the password could not be checked");
            }
        });
    }

    private void afterPassword(RoutingContext rc, RequestFacts facts, PasswordCheck check) {
        switch (check.result()) {
            case ACCEPTED -> pass(rc, facts, AuthMethod.BASIC);
            case REJECTED -> unauthorized(rc, "wrong password");
            default -> tooMany(rc, check);
        }
    }

    private static void pass(RoutingContext rc, RequestFacts facts, AuthMethod how) {
        rc.put(RequestFacts.KEY, facts.authenticated(how));
        rc.next();
    }

    /** 429 (or 503 while every hashing slot is taken) with Retry-After. */
    static void tooMany(RoutingContext rc, PasswordCheck check) {
        rc.response().putHeader("Retry-After", Long.toString(check.retryAfterSeconds()));
        switch (check.result()) {
            case BANNED -> fail(rc, 429, "banned", "too many failed logins from this address; banned for "
                    + check.retryAfterSeconds() + " s");
            case LIMITED -> fail(rc, 429, "too_many_attempts", "too many failed logins; retry in "
                    + check.retryAfterSeconds() + " s");
            default -> fail(rc, 503, "busy", "too many password checks at once; retry in a second");
        }
    }

    private static void unauthorized(RoutingContext rc, String message) {
        // Bearer, not Basic: a Basic challenge would make browsers pop up their own login dialog.
        rc.response().headers().add("WWW-Authenticate", "Bearer realm=\"bitquark\"");
        fail(rc, 401, "unauthorized", message);
    }

    /**
     * 401 for a stream or playlist: also a Basic challenge, because media players (VLC, ffmpeg/mpv) send the
     * credentials of a {@code http://user:password@host/...} URL only after such a challenge.
     */
    private static void mediaUnauthorized(RoutingContext rc, String message) {
        rc.response().headers().add("WWW-Authenticate", "Basic realm=\"bitquark\", charset=\"UTF-8\"");
        unauthorized(rc, message);
    }

    static void fail(RoutingContext rc, int status, String code, String message) {
        HttpServerResponse r = rc.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }

    /** The password part of {@code base64(user:password)}; null when malformed. */
    static String basicPassword(String credentials) {
        if (credentials.isEmpty() || credentials.length() > 4096) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(colon + 1);
    }

    private static String clip(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return sb.toString();
    }
}
