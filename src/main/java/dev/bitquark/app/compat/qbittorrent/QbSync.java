package dev.bitquark.app.compat.qbittorrent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sync/maindata}'s {@code rid} protocol ({@code synccontroller.cpp}): the server remembers, per web session,
 * the last state it sent and its number; a client that sends that number back gets only what changed (keys of
 * changed torrents, new and removed ones, categories, tags, trackers, server state), any other number gets
 * everything with {@code full_update: true}. At most {@value #MAX_SESSIONS} sessions are remembered (the least
 * recently used is forgotten: its next call is a full update). Thread-safe.
 */
final class QbSync {
    static final int MAX_SESSIONS = 64;

    /** What one session was last sent. */
    private record Sent(int rid, Map<String, Map<String, Object>> torrents, Map<String, Object> categories,
                        List<String> tags, Map<String, Object> trackers, Map<String, Object> server) {
    }

    private final Map<String, Sent> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /** The answer to {@code rid} for {@code session}, given the state now. */
    synchronized Map<String, Object> answer(String session, long rid, Map<String, Map<String, Object>> torrents,
                                            Map<String, Object> categories, List<String> tags,
                                            Map<String, Object> trackers, Map<String, Object> server) {
        Sent before = sessions.get(session);
        int next = before == null ? 1 : before.rid() % 1_000_000 + 1;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rid", next);
        if (before == null || rid != before.rid() || rid == 0) {
            out.put("full_update", true);
            out.put("torrents", torrents);
            out.put("categories", categories);
            out.put("tags", tags);
            out.put("trackers", trackers);
            out.put("server_state", server);
        } else {
            Map<String, Object> changed = new LinkedHashMap<>();
            torrents.forEach((hash, now) -> {
                Map<String, Object> old = before.torrents().get(hash);
                if (old == now) {
                    return; // the same object: a quiet torrent (see QbTorrents)
                }
                Map<String, Object> diff = diff(old, now);
                if (!diff.isEmpty()) {
                    changed.put(hash, diff);
                }
            });
            if (!changed.isEmpty()) {
                out.put("torrents", changed);
            }
            List<String> removed = new ArrayList<>();
            before.torrents().keySet().forEach(h -> {
                if (!torrents.containsKey(h)) {
                    removed.add(h);
                }
            });
            if (!removed.isEmpty()) {
                out.put("torrents_removed", removed);
            }
            Map<String, Object> cats = new LinkedHashMap<>();
            categories.forEach((name, c) -> {
                if (!Objects.equals(before.categories().get(name), c)) {
                    cats.put(name, c);
                }
            });
            if (!cats.isEmpty()) {
                out.put("categories", cats);
            }
            List<String> catsGone = before.categories().keySet().stream().filter(c -> !categories.containsKey(c))
                    .toList();
            if (!catsGone.isEmpty()) {
                out.put("categories_removed", catsGone);
            }
            List<String> newTags = tags.stream().filter(t -> !before.tags().contains(t)).toList();
            if (!newTags.isEmpty()) {
                out.put("tags", newTags);
            }
            List<String> tagsGone = before.tags().stream().filter(t -> !tags.contains(t)).toList();
            if (!tagsGone.isEmpty()) {
                out.put("tags_removed", tagsGone);
            }
            Map<String, Object> tr = new LinkedHashMap<>();
            trackers.forEach((url, hashes) -> {
                if (!Objects.equals(before.trackers().get(url), hashes)) {
                    tr.put(url, hashes);
                }
            });
            if (!tr.isEmpty()) {
                out.put("trackers", tr);
            }
            List<String> trGone = before.trackers().keySet().stream().filter(u -> !trackers.containsKey(u)).toList();
            if (!trGone.isEmpty()) {
                out.put("trackers_removed", trGone);
            }
            Map<String, Object> serverDiff = diff(before.server(), server);
            if (!serverDiff.isEmpty()) {
                out.put("server_state", serverDiff);
            }
        }
        sessions.put(session, new Sent(next, new HashMap<>(torrents), new HashMap<>(categories), List.copyOf(tags),
                new HashMap<>(trackers), new HashMap<>(server)));
        return out;
    }

    /** The keys of {@code now} whose values differ from {@code old} (all of them when there is no {@code old}). */
    static Map<String, Object> diff(Map<String, Object> old, Map<String, Object> now) {
        Map<String, Object> d = new LinkedHashMap<>();
        now.forEach((k, v) -> {
            if (old == null || !Objects.equals(old.get(k), v)) {
                d.put(k, v);
            }
        });
        return d;
    }
}
