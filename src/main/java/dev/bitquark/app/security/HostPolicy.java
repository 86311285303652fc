package dev.bitquark.app.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Host header allow-list against DNS rebinding (a hostile page whose name first resolves to its
 * own server and then to 127.0.0.1 or a LAN address reaches our API "same-origin"; Transmission's
 * CVE-2018-5702). Always allowed: {@code localhost}, IP literals (nobody can rebind a literal).
 * Added by {@code bitquark.http.allowed-hosts}: exact names, {@code *.example.org} for every
 * subdomain, or {@code *} to switch the check off (only behind a proxy that checks Host itself).
 * Immutable, thread-safe.
 */
public final class HostPolicy {
    private final List<String> exact = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final boolean any;

    public HostPolicy(List<String> configured) {
        boolean star = false;
        exact.add("localhost");
        for (String raw : configured) {
            String h = normalise(raw.strip());
            if (h.isEmpty()) {
                continue;
            }
            if (h.equals("*")) {
                star = true;
            } else if (h.startsWith("*.") && h.length() > 2) {
                suffixes.add(h.substring(1));
            } else if (h.contains("*")) {
                throw new IllegalArgumentException("bitquark.http.allowed-hosts: '" + raw
                        + "' may use '*' only as '*' or a leading '*.'");
            } else {
                exact.add(h);
            }
        }
        this.any = star;
    }

    /** True when a request naming {@code host} (no port; IPv6 in brackets or not) may be served. */
    public boolean allows(String host) {
        if (host == null || host.isEmpty() || host.length() > 255) {
            return false;
        }
        if (any || IpAddresses.parse(host) != null) {
            return true;
        }
        String h = normalise(host);
        if (exact.contains(h)) {
            return true;
        }
        for (String s : suffixes) {
            if (h.endsWith(s) && h.length() > s.length()) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
