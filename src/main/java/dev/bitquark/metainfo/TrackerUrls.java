package dev.bitquark.metainfo;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validation and de-duplication of tracker and web seed URLs from torrents and magnets. Invalid
 * entries are dropped rather than failing the torrent, as real clients do: trackers are optional.
 * Stateless and thread-safe.
 */
public final class TrackerUrls {
    /** Most tracker URLs kept from one torrent or magnet, over all tiers. */
    public static final int MAX_TRACKERS = 100;
    /** Most web seed URLs kept (BEP 19). */
    static final int MAX_WEB_SEEDS = 100;
    public static final int MAX_URL_LENGTH = 2048;

    private TrackerUrls() {
    }

    /** The trimmed URL if it is an http, https or udp URL with a host, else null. */
    public static String tracker(String raw) {
        return check(raw, Set.of("http", "https", "udp"));
    }

    /** The trimmed URL if it is an http or https URL with a host (BEP 19 web seed), else null. */
    static String webSeed(String raw) {
        return check(raw, Set.of("http", "https"));
    }

    private static String check(String raw, Set<String> schemes) {
        if (raw == null) {
            return null;
        }
        String url = raw.strip();
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !schemes.contains(scheme.toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * BEP 12 tiers from {@code announce-list}, falling back to {@code announce} when the list is
     * absent or yields no usable URL. URLs are de-duplicated across tiers (first one wins), empty
     * tiers dropped, at most {@link #MAX_TRACKERS} URLs kept. A flat string where a tier belongs
     * is taken as a tier of one, as some torrent makers write it.
     */
    static List<List<String>> fromTorrent(BValue announceList, BValue announce) {
        List<List<String>> raw = new ArrayList<>();
        if (announceList instanceof BList tiers) {
            for (BValue tier : tiers.values()) {
                List<String> urls = new ArrayList<>();
                if (tier instanceof BList l) {
                    for (BValue u : l.values()) {
                        if (u instanceof BBytes b) {
                            urls.add(b.asString());
                        }
                    }
                } else if (tier instanceof BBytes b) {
                    urls.add(b.asString());
                }
                raw.add(urls);
            }
        }
        List<List<String>> tiers = clean(raw);
        if (tiers.isEmpty() && announce instanceof BBytes b) {
            tiers = clean(List.of(List.of(b.asString())));
        }
        return tiers;
    }

    /** Validated, de-duplicated, capped copy of {@code tiers}; empty tiers dropped. */
    public static List<List<String>> clean(List<List<String>> tiers) {
        Set<String> seen = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        for (List<String> tier : tiers) {
            List<String> kept = new ArrayList<>();
            for (String u : tier) {
                if (seen.size() >= MAX_TRACKERS) {
                    break;
                }
                String url = tracker(u);
                if (url != null && seen.add(url)) {
                    kept.add(url);
                }
            }
            if (!kept.isEmpty()) {
                out.add(List.copyOf(kept));
            }
        }
        return List.copyOf(out);
    }

    /** BEP 19 {@code url-list}: a single string or a list of strings; http(s) only, de-duplicated, capped. */
    static List<String> webSeeds(BValue urlList) {
        List<String> raw = new ArrayList<>();
        if (urlList instanceof BBytes b) {
            raw.add(b.asString());
        } else if (urlList instanceof BList l) {
            for (BValue v : l.values()) {
                if (v instanceof BBytes b) {
                    raw.add(b.asString());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String u : raw) {
            String url = webSeed(u);
            if (url != null && !out.contains(url) && out.size() < MAX_WEB_SEEDS) {
                out.add(url);
            }
        }
        return List.copyOf(out);
    }
}
