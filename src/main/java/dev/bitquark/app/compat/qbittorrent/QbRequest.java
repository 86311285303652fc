package dev.bitquark.app.compat.qbittorrent;

import java.util.List;
import java.util.Map;

/**
 * One call of qBittorrent's API as the routes read it: the action ({@code torrents/info}), its parameters (query
 * string and form fields merged, later ones winning), the uploaded files whatever their field names (qBittorrent
 * reads every file part), and the key of the client's web session (for {@code sync/maindata}).
 */
record QbRequest(String action, Map<String, String> params, List<byte[]> files, String sessionKey) {
    String param(String name) {
        return params.get(name);
    }

    String param(String name, String otherwise) {
        String v = params.get(name);
        return v == null ? otherwise : v;
    }

    /** qBittorrent's booleans: {@code true}/{@code false} (any case); anything else is {@code otherwise}. */
    boolean flag(String name, boolean otherwise) {
        String v = params.get(name);
        if (v == null) {
            return otherwise;
        }
        return v.strip().equalsIgnoreCase("true") || (!v.strip().equalsIgnoreCase("false") && otherwise);
    }

    /** An integer parameter, or {@code otherwise} when absent; a malformed one is a 400. */
    long number(String name, long otherwise) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(v.strip());
            } catch (NumberFormatException e2) {
                throw QbReply.error(400, "parameter " + name + " is not a number");
            }
        }
    }

    double decimal(String name, double otherwise) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw QbReply.error(400, "parameter " + name + " is not a number");
        }
    }
}
