package dev.bitquark.app.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.util.Locale;

/**
 * What the security filter knows about one request's origin: the TCP peer, the client (through
 * trusted proxies), the scheme, host and port the browser used, and whether any forwarding header
 * was present. Computed once per request by {@link SecurityFilter} and stored in the routing
 * context under {@link #KEY} for the resources. Immutable.
 *
 * @param peer      the TCP peer, or null when it is not an IP address
 * @param client    the client after trusted X-Forwarded-For, or null like {@code peer}
 * @param host      the requested host without port (null when the request named none)
 * @param port      the requested port, -1 for the scheme's default
 * @param forwarded any of X-Forwarded-For, Forwarded, X-Real-IP is present
 * @param method    how the request authenticated, set once it did (null before and for open paths)
 */
public record RequestFacts(InetAddress peer, InetAddress client, String scheme, String host, int port,
                           boolean forwarded, AuthMethod method) {

    public static final String KEY = "bitquark.request-facts";

    /**
     * How a request proved it may pass. {@code QUERY_TOKEN}: an API token in the {@code token} query parameter,
     * accepted only where {@link PathRules#acceptsQueryToken} allows it (media streams and playlists).
     */
    public enum AuthMethod { COOKIE, BASIC, BEARER, LOCALHOST, QUERY_TOKEN }

    static RequestFacts of(HttpServerRequest req, TrustedProxies proxies) {
        SocketAddress remote = req.remoteAddress();
        InetAddress peer = remote == null ? null : IpAddresses.parse(remote.hostAddress());
        String xff = joined(req, "X-Forwarded-For");
        boolean forwarded = xff != null || req.getHeader("Forwarded") != null || req.getHeader("X-Real-IP") != null;
        boolean viaProxy = peer != null && proxies.trusts(peer);
        InetAddress client = peer == null ? null : proxies.clientOf(peer, xff);

        String scheme = req.isSSL() ? "https" : "http";
        String host = null;
        int port = -1;
        HostAndPort authority;
        try {
            authority = req.authority();
        } catch (RuntimeException e) {
            authority = null; // Vert.x throws for an HTTP/1.1 request without Host: answered 421 below
        }
        if (authority != null) {
            host = authority.host();
            port = authority.port();
        }
        if (viaProxy) {
            String proto = first(req.getHeader("X-Forwarded-Proto"));
            if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
                scheme = proto.toLowerCase(Locale.ROOT);
            }
            String fwdHost = first(req.getHeader("X-Forwarded-Host"));
            if (fwdHost != null && !fwdHost.isEmpty()) {
                HostAndPort h = HostAndPort.parseAuthority(fwdHost, -1);
                if (h != null) {
                    host = h.host();
                    port = h.port();
                }
            }
        }
        return new RequestFacts(peer, client, scheme, host, port, forwarded, null);
    }

    RequestFacts authenticated(AuthMethod how) {
        return new RequestFacts(peer, client, scheme, host, port, forwarded, how);
    }

    /** Key for the login limiter. */
    public String clientKey() {
        return client == null ? "unknown" : IpAddresses.clientKey(client);
    }

    public boolean secure() {
        return "https".equals(scheme);
    }

    /** A loopback peer with no forwarding header: what {@code bitquark.auth.localhost-bypass} admits. */
    public boolean directFromLoopback() {
        return peer != null && peer.isLoopbackAddress() && !forwarded;
    }

    private static String joined(HttpServerRequest req, String name) {
        var all = req.headers().getAll(name);
        return all.isEmpty() ? null : String.join(",", all);
    }

    private static String first(String commaList) {
        if (commaList == null) {
            return null;
        }
        int comma = commaList.indexOf(',');
        return (comma < 0 ? commaList : commaList.substring(0, comma)).strip();
    }
}
