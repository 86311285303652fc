package dev.bitquark.app.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Same-origin test for the {@code Origin} header of state-changing requests and WebSocket upgrades
 * (CSRF, cross-site WebSocket hijacking). The request's own origin is its effective scheme, host and
 * port: what the browser used, as told by the connection or, from a trusted proxy, by
 * X-Forwarded-Proto/-Host. {@code Origin: null} (sandboxed frames, some redirects) is never same-origin.
 * Stateless.
 */
public final class OriginPolicy {
    private OriginPolicy() {
    }

    /**
     * @param scheme {@code http} or {@code https}
     * @param host   host name or IP literal (IPv6 with or without brackets)
     * @param port   the port, or -1 for the scheme's default
     */
    public static boolean sameOrigin(String origin, String scheme, String host, int port) {
        if (origin == null || origin.length() > 300 || host == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String os = uri.getScheme();
        String oh = uri.getHost();
        if (os == null || oh == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            return false;
        }
        os = os.toLowerCase(Locale.ROOT);
        if (!os.equals(scheme.toLowerCase(Locale.ROOT))) {
            return false;
        }
        int op = uri.getPort() < 0 ? defaultPort(os) : uri.getPort();
        int rp = port < 0 ? defaultPort(scheme) : port;
        return op == rp && bare(oh).equalsIgnoreCase(bare(host));
    }

    static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
