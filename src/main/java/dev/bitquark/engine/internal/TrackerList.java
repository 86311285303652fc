package dev.bitquark.engine.internal;

import dev.bitquark.metainfo.TrackerUrls;
import dev.bitquark.tracker.Announcer;
import dev.bitquark.tracker.TrackerStatus;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The trackers in force for one torrent (BEP 12 tiers), and the announcer that keeps it announced to them: at first
 * the metainfo's or the magnet link's trackers, then as the user adds and removes them. Used by both phases (the
 * metadata fetch of a magnet, and the torrent). Added URLs each get a tier of their own after the others, as Transmission and
 * qBittorrent do (a tracker the user adds is tried, not held back behind a working one of the same tier). Only
 * http, https and udp URLs with a host; at most {@link TrackerUrls#MAX_TRACKERS}. Owned by the engine context; not
 * thread-safe.
 */
final class TrackerList {
    private List<List<String>> tiers;
    /** Makes an announcer for the given tiers (null when there is no tracker client). */
    private final Function<List<List<String>>, Announcer> announcers;
    private final Random random;
    private Announcer current;
    /** The announcer of the last active period: its tracker status outlives a pause, for the API. */
    private Announcer last;

    TrackerList(List<List<String>> tiers, Function<List<List<String>>, Announcer> announcers, Random random) {
        this.tiers = TrackerUrls.clean(tiers);
        this.announcers = announcers;
        this.random = random;
    }

    /** The announcer of this active period, or null. */
    Announcer current() {
        return current;
    }

    /** Starts a new announcer for an active period (an announcer does not restart); none without trackers. */
    void start() {
        current = tiers.isEmpty() ? null : announcers.apply(tiers);
        if (current != null) {
            last = current;
            current.start();
        }
    }

    /** Stops the current announcer (BEP 3 {@code stopped}, best effort with a deadline). */
    Future<Void> stop() {
        Announcer a = current;
        current = null;
        return a == null ? Future.succeededFuture() : a.stop();
    }

    /** Every tracker with the outcome of its last announce; before the first period, the trackers, not contacted. */
    List<TrackerStatus> status() {
        return last != null ? last.status() : TorrentViews.uncontactedTrackers(tiers);
    }

    /**
     * Adds ({@code add}) or removes URLs; the announcer follows at once (new ones are announced to soon, removed
     * ones get {@code stopped}), and one starts if the torrent is {@code active} and had no tracker before.
     */
    void change(List<String> urls, boolean add, boolean active) {
        if (add) {
            add(urls);
        } else {
            remove(urls);
        }
        if (last != null && last != current) {
            last.setTiers(tiers, random); // its status (stopped) is what the API shows
        }
        if (current != null) {
            current.setTiers(tiers, random);
        } else if (active) {
            start();
        }
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
