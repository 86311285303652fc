package dev.bitquark.app.security;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which requests may pass without credentials. Default-deny: everything under {@code /api} and
 * {@code /q} needs a login except the few documented open paths, and any other path is open only
 * for GET/HEAD of plain UI paths (the React app's files and its deep links). Paths are compared in
 * a canonical form (repeated slashes collapsed, lower case) so that {@code //api/..} or
 * {@code /API/..} cannot slip past as "UI". Stateless.
 */
public final class PathRules {
    public static final String LOGIN = "/api/v1/auth/login";
    public static final String LOGOUT = "/api/v1/auth/logout";

    /** The query parameter that may carry an API token on {@link #acceptsQueryToken} paths. */
    public static final String TOKEN_PARAMETER = "token";

    /** qBittorrent WebUI API v2's login: the compatibility API checks the password itself. */
    public static final String QBITTORRENT_LOGIN = "/api/v2/auth/login";

    /** Open or protected. */
    public enum Access { OPEN, PROTECTED }

    /**
     * Which API a path belongs to, for how an unauthenticated request is answered: Transmission's RPC (401 with a
     * Basic challenge of realm "Transmission", which transmission-remote waits for before it sends credentials),
     * qBittorrent's WebUI API v2 (403, which Sonarr and the other clients take as "log in"), or ours.
     */
    public enum Surface { OWN, TRANSMISSION, QBITTORRENT }

    /** The surface of a path (after canonicalisation). */
    public static Surface surface(String path) {
        String p = canonical(path);
        if (p.equals("/transmission/rpc") || p.equals("/transmission/rpc/") || p.equals("/rpc") || p.equals("/rpc/")) {
            return Surface.TRANSMISSION;
        }
        return under(p, "/api/v2") ? Surface.QBITTORRENT : Surface.OWN;
    }

    /** A file stream or a torrent's playlist, in canonical (lower-case) form. */
    private static final Pattern MEDIA = Pattern.compile(
            "/api/v1/torrents/[0-9a-f]{40}/(files/[0-9]{1,9}/stream|playlist\\.m3u8)");

    private PathRules() {
    }

    /** {@code path} is the router's normalised path (dot segments resolved). */
    public static Access classify(String method, String path, boolean protectMetrics) {
        String p = canonical(path);
        if (under(p, "/q/health")) {
            return Access.OPEN; // Kubernetes probes carry no credentials
        }
        if (under(p, "/q/metrics")) {
            return protectMetrics ? Access.PROTECTED : Access.OPEN;
        }
        if (under(p, "/q/openapi") || under(p, "/q/swagger-ui")) {
            return Access.OPEN; // documentation only; every call it makes needs a login
        }
        if (p.equals(LOGIN) || p.equals(LOGOUT) || p.equals(QBITTORRENT_LOGIN)) {
            return Access.OPEN;
        }
        if (surface(p) == Surface.TRANSMISSION) {
            return Access.PROTECTED; // also GET: Sonarr's handshake is a GET that must meet the 401/409 dance
        }
        if (under(p, "/api") || under(p, "/q")) {
            return Access.PROTECTED;
        }
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        return read && plain(p) ? Access.OPEN : Access.PROTECTED;
    }

    /**
     * True for the only requests that may authenticate with an API token in the {@value #TOKEN_PARAMETER} query
     * parameter: GET or HEAD of a file stream or a playlist. Media players (VLC, mpv) open a URL and can send
     * neither a cookie nor an {@code Authorization: Bearer} header, and playlist entries must be complete URLs.
     * Everything else keeps header and cookie authentication only, so a token in a URL cannot drive the API.
     */
    public static boolean acceptsQueryToken(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && MEDIA.matcher(canonical(path)).matches();
    }

    /** True for paths under {@code /api} (after canonicalisation). */
    public static boolean isApi(String path) {
        return under(canonical(path), "/api");
    }

    static String canonical(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(path.length());
        char prev = 0;
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '\\') {
                ch = '/';
            }
            if (ch == '/' && prev == '/') {
                continue;
            }
            sb.append(ch);
            prev = ch;
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean under(String p, String prefix) {
        return p.equals(prefix) || p.startsWith(prefix + "/");
    }

    /** Only unreserved URL characters: anything percent-encoded is not a UI file name. */
    private static boolean plain(String p) {
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            boolean ok = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '/' || ch == '.' || ch == '-'
                    || ch == '_' || ch == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
