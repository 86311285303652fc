package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.TrackerUrls;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trackers in force for one torrent (BEP 12 tiers): at first the metainfo's or the magnet link's, then as the
 * user adds and removes them. Added URLs each get a tier of their own after the others, as Transmission and
 * qBittorrent do (a tracker the user adds is tried, not held back behind a working one of the same tier). Only
 * http, https and udp URLs with a host; at most {@link TrackerUrls#MAX_TRACKERS}. Owned by the engine context; not
 * thread-safe.
 */
final class TrackerList {
    private List<List<String>> tiers;

    TrackerList(List<List<String>> tiers) {
        this.tiers = TrackerUrls.clean(tiers);
    }

    List<List<String>> tiers() {
        return tiers;
    }

    List<String> urls() {
        return tiers.stream().flatMap(List::stream).toList();
    }

    /**
     * Adds the URLs not present yet; returns how many were added.
     *
     * @throws IllegalArgumentException naming the first URL that is not a usable tracker, or if the list would
     *     grow past the cap; nothing is added then
     */
    int add(List<String> urls) {
        Set<String> present = new LinkedHashSet<>(urls());
        List<String> fresh = new ArrayList<>();
        for (String raw : urls) {
            String url = TrackerUrls.tracker(raw);
            if (url == null) {
                throw new IllegalArgumentException("'" + clip(raw) + "' is not a tracker URL (http, https or udp,"
                        + " with a host, at most " + TrackerUrls.MAX_URL_LENGTH + " characters)");
            }
            if (present.add(url)) {
                fresh.add(url);
            }
        }
        if (present.size() > TrackerUrls.MAX_TRACKERS) {
            throw new IllegalArgumentException("a torrent has at most " + TrackerUrls.MAX_TRACKERS + " trackers");
        }
        List<List<String>> next = new ArrayList<>(tiers);
        for (String url : fresh) {
            next.add(List.of(url));
        }
        tiers = List.copyOf(next);
        return fresh.size();
    }

    /**
     * Removes the given URLs; returns how many were present.
     *
     * @throws dev.bitquark.engine.EngineException {@code NOT_FOUND} if none of them is a tracker of this torrent
     */
    int remove(List<String> urls) {
        Set<String> gone = new LinkedHashSet<>();
        for (String raw : urls) {
            if (raw != null) {
                gone.add(raw.strip());
            }
        }
        int before = urls().size();
        List<List<String>> next = new ArrayList<>();
        for (List<String> tier : tiers) {
            List<String> kept = tier.stream().filter(u -> !gone.contains(u)).toList();
            if (!kept.isEmpty()) {
                next.add(kept);
            }
        }
        int removed = before - next.stream().mapToInt(List::size).sum();
        if (removed == 0) {
            throw new dev.bitquark.engine.EngineException(dev.bitquark.engine.EngineException.Kind.NOT_FOUND, "none of "
                    + gone.stream().map(TrackerList::clip).toList() + " is a tracker of this torrent");
        }
        tiers = List.copyOf(next);
        return removed;
    }

    private static String clip(String s) {
        String t = s == null ? "null" : s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
