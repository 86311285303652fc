package dev.bitquark.app.compat.transmission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.app.compat.ContentRename;
import dev.bitquark.app.session.Library;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.QueueMove;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.metainfo.InfoHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code torrent-add}, {@code torrent-set}, start, stop, verify, reannounce, remove, set-location and the queue
 * moves, onto the session. Labels map onto category and tags: a label naming one of the session's categories is
 * the torrent's category (the first such), the others are its tags; {@code labels} reads back as the category
 * followed by the tags (Sonarr looks for its category among them). Seeding goals: Transmission's modes 0 (the
 * session's), 1 (the torrent's own) and 2 (none) map onto -2, a value and -1.
 */
final class TorrentActions {
    private final CompatTorrents torrents;

    TorrentActions(CompatTorrents torrents) {
        this.torrents = torrents;
    }

    /**
     * {@code filename} (a magnet link or an http(s) URL; a path on the server is refused: the API may not read the
     * server's files) or {@code metainfo} (base64 .torrent); {@code download-dir} (inside the download folder),
     * {@code paused}, {@code labels}, {@code files-unwanted}/{@code files-wanted}, {@code priority-*}.
     */
    CompletionStage<ObjectNode> add(ObjectNode a) {
        Path dir = a.has("download-dir") && !SessionMethods.text(a, "download-dir").isBlank()
                ? torrents.insideDownloads(SessionMethods.text(a, "download-dir"), "download-dir") : null;
        boolean paused = a.path("paused").asBoolean(false);
        TorrentPolicy policy = a.has("labels") ? labels(TorrentPolicy.DEFAULT, a.get("labels")) : TorrentPolicy.DEFAULT;
        CompatTorrents.AddRequest r = new CompatTorrents.AddRequest(dir, paused, policy, null, false, 0, 0);
        CompletionStage<CompatTorrents.Added> added;
        if (a.hasNonNull("metainfo")) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(SessionMethods.text(a, "metainfo"));
            } catch (IllegalArgumentException e) {
                throw new Refused(Refused.Kind.BAD_TORRENT, "invalid or corrupt torrent file: metainfo is not base64");
            }
            added = torrents.addTorrent(bytes, r);
        } else if (a.hasNonNull("filename")) {
            String source = SessionMethods.text(a, "filename");
            if (!source.regionMatches(true, 0, "magnet:", 0, 7) && !source.regionMatches(true, 0, "http://", 0, 7)
                    && !source.regionMatches(true, 0, "https://", 0, 8)) {
                throw new Refused(Refused.Kind.BAD_REQUEST, "filename must be a magnet link or an http(s) URL; send "
                        + "a .torrent file as metainfo");
            }
            added = torrents.addSource(source, r);
        } else {
            throw new Refused(Refused.Kind.BAD_REQUEST, "no filename or metainfo specified");
        }
        return added.thenCompose(x -> (x.duplicate() ? CompletableFuture.<Void>completedFuture(null)
                : files(x.hash(), a)).thenApply(v -> {
            ObjectNode o = RpcMethods.object();
            ObjectNode t = o.putObject(x.duplicate() ? "torrent-duplicate" : "torrent-added");
            t.put("hashString", x.hash().toHex());
            t.put("id", torrents.ids().id(x.hash()));
            t.put("name", x.name());
            return o;
        }));
    }

    /** Category and tags from Transmission labels (see the class comment). */
    private TorrentPolicy labels(TorrentPolicy p, JsonNode labels) {
        if (!labels.isArray()) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "labels must be a list of strings");
        }
        Library library = torrents.session().library();
        String category = null;
        List<String> tags = new ArrayList<>();
        try {
            for (JsonNode l : labels) {
                String name = l.asText().strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (category == null && library.categories().containsKey(name)) {
                    category = name;
                } else {
                    tags.add(TorrentPolicy.checkTag(name));
                }
            }
            return p.withCategory(category).withTags(tags);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "bad label: " + e.getMessage());
        }
    }

    /** File selection and priorities of {@code torrent-add} and {@code torrent-set} ({@code []}: every file). */
    private CompletionStage<Void> files(InfoHash h, ObjectNode a) {
        Map<String, FilePriority> keys = Map.of("files-unwanted", FilePriority.SKIP, "priority-low", FilePriority.LOW,
                "priority-normal", FilePriority.NORMAL, "priority-high", FilePriority.HIGH, "files-wanted",
                FilePriority.NORMAL);
        if (keys.keySet().stream().noneMatch(a::has)) {
            return CompletableFuture.completedFuture(null);
        }
        TorrentHandle handle = torrents.handle(h);
        if (handle == null || !handle.hasMetadata()) {
            return CompletableFuture.completedFuture(null); // no files yet (a magnet link): nothing to select
        }
        int count = handle.metainfo().files().size();
        return handle.filePriorities().toCompletionStage().thenCompose(current -> {
            Map<Integer, FilePriority> changes = new HashMap<>();
            // Wanted first, then priorities (a wanted file keeps a priority given in the same call), unwanted last.
            for (String key : List.of("files-wanted", "priority-low", "priority-normal", "priority-high",
                    "files-unwanted")) {
                JsonNode list = a.get(key);
                if (list == null) {
                    continue;
                }
                for (int i : indices(list, count)) {
                    FilePriority now = changes.getOrDefault(i, current.get(i));
                    FilePriority next = keys.get(key);
                    if (key.equals("files-wanted")) {
                        next = now == FilePriority.SKIP ? FilePriority.NORMAL : now;
                    } else if (key.startsWith("priority-") && now == FilePriority.SKIP && !changes.containsKey(i)) {
                        continue; // a priority does not make an unwanted file wanted
                    }
                    changes.put(i, next);
                }
            }
            return handle.changeFilePriorities(changes).toCompletionStage();
        });
    }

    private static List<Integer> indices(JsonNode list, int count) {
        List<Integer> out = new ArrayList<>();
        if (!list.isArray()) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "file lists must be lists of indices");
        }
        if (list.isEmpty()) {
            for (int i = 0; i < count; i++) {
                out.add(i);
            }
            return out;
        }
        for (JsonNode n : list) {
            if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() >= count) {
                throw new Refused(Refused.Kind.BAD_REQUEST, "file index out of range: " + n);
            }
            out.add(n.asInt());
        }
        return out;
    }

    CompletionStage<ObjectNode> remove(List<InfoHash> hs, ObjectNode a) {
        boolean delete = a.path("delete-local-data").asBoolean(false);
        return each(hs, h -> torrents.session().remove(h, delete));
    }

    /** start-now bypasses the queue (forced); a plain start puts the torrent under the queue again. */
    CompletionStage<ObjectNode> start(List<InfoHash> hs, boolean now) {
        return torrents.session().library().change(handles(hs), p -> p.withForced(now))
                .thenCompose(v -> each(hs, h -> torrents.handle(h).resume().toCompletionStage()));
    }

    /** A stop ends a start-now too (Transmission's start-now holds until the torrent stops). */
    CompletionStage<ObjectNode> stop(List<InfoHash> hs) {
        return torrents.session().library().change(handles(hs), p -> p.withForced(false))
                .thenCompose(v -> each(hs, h -> torrents.handle(h).pause().toCompletionStage()));
    }

    CompletionStage<ObjectNode> verify(List<InfoHash> hs) {
        for (InfoHash h : hs) {
            torrents.handle(h).recheck(); // started; its progress shows in recheckProgress
        }
        return CompletableFuture.completedFuture(RpcMethods.object());
    }

    CompletionStage<ObjectNode> reannounce(List<InfoHash> hs) {
        return each(hs, h -> torrents.handle(h).reannounce().toCompletionStage());
    }

    CompletionStage<ObjectNode> queue(List<InfoHash> hs, QueueMove move) {
        return torrents.session().queueMove(hs, move).thenApply(v -> RpcMethods.object());
    }

    /**
     * {@code torrent-rename-path}: exactly one torrent; {@code path} a file or folder as Transmission names it
     * (relative to the download folder), {@code name} its new last part. Answers {@code path}, {@code name},
     * {@code id}.
     */
    CompletionStage<ObjectNode> renamePath(List<InfoHash> hs, ObjectNode a) {
        if (hs.size() != 1) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "torrent-rename-path takes exactly one torrent");
        }
        TorrentHandle h = torrents.handle(hs.getFirst());
        if (h == null) {
            throw new Refused(Refused.Kind.NOT_FOUND, "no such torrent");
        }
        String path = SessionMethods.text(a, "path");
        String name = SessionMethods.text(a, "name");
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "name must be a single file or folder name");
        }
        String trimmed = path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        String newPath = (slash < 0 ? "" : trimmed.substring(0, slash + 1)) + name.strip();
        return ContentRename.rename(h, path, newPath).thenCompose(v -> torrents.session().saveNow(h.infoHash()))
                .thenApply(v -> {
            ObjectNode o = RpcMethods.object();
            o.put("path", path);
            o.put("name", name.strip());
            o.put("id", torrents.ids().id(h.infoHash()));
            return o;
        });
    }

    /** {@code move: true} moves the data; false (look for it there) is not supported: the data would be lost. */
    CompletionStage<ObjectNode> setLocation(List<InfoHash> hs, ObjectNode a) {
        Path dir = torrents.insideDownloads(SessionMethods.text(a, "location"), "location");
        if (!a.path("move").asBoolean(false)) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "only moving the data is supported (move: true)");
        }
        return each(hs, h -> torrents.handle(h).moveStorage(dir).toCompletionStage()
                .thenCompose(v -> torrents.session().saveNow(h)));
    }

    /**
     * {@code torrent-set}: labels, seeding goals, speed limits (kB/s), peer limit, file selection and priorities,
     * location (moves the data), queue position. Everything is checked before anything changes.
     */
    CompletionStage<ObjectNode> set(List<InfoHash> hs, ObjectNode a) {
        List<Function<InfoHash, CompletionStage<?>>> steps = new ArrayList<>();
        UnaryOperator<TorrentPolicy> policy = UnaryOperator.identity();
        if (a.has("labels")) {
            JsonNode labels = a.get("labels");
            TorrentPolicy parsed = labels(TorrentPolicy.DEFAULT, labels);
            policy = p -> p.withCategory(parsed.category()).withTags(parsed.tags());
        }
        if (a.has("seedRatioMode") || a.has("seedRatioLimit")) {
            int mode = a.has("seedRatioMode") ? mode(a, "seedRatioMode") : 1;
            double limit = a.has("seedRatioLimit") ? SessionMethods.number(a, "seedRatioLimit") : -3;
            UnaryOperator<TorrentPolicy> before = policy;
            policy = p -> {
                TorrentPolicy q = before.apply(p);
                double r = mode == 0 ? SeedGoals.SESSION : mode == 2 ? SeedGoals.NONE
                        : limit >= 0 ? limit : q.goals().ratio() >= 0 ? q.goals().ratio() : SessionMethods.DEFAULT_RATIO;
                return q.withGoals(new SeedGoals(r, q.goals().seedingMinutes(), q.goals().idleMinutes()));
            };
        }
        if (a.has("seedIdleMode") || a.has("seedIdleLimit")) {
            int mode = a.has("seedIdleMode") ? mode(a, "seedIdleMode") : 1;
            long limit = a.has("seedIdleLimit") ? SessionMethods.count(a, "seedIdleLimit") : -3;
            UnaryOperator<TorrentPolicy> before = policy;
            policy = p -> {
                TorrentPolicy q = before.apply(p);
                long m = mode == 0 ? SeedGoals.SESSION : mode == 2 ? SeedGoals.NONE
                        : limit >= 0 ? limit : q.goals().idleMinutes() >= 0 ? q.goals().idleMinutes()
                        : SessionMethods.DEFAULT_IDLE_MINUTES;
                return q.withGoals(new SeedGoals(q.goals().ratio(), q.goals().seedingMinutes(), m));
            };
        }
        if (a.has("downloadLimit") || a.has("downloadLimited") || a.has("uploadLimit") || a.has("uploadLimited")) {
            Long down = a.has("downloadLimit") ? SessionMethods.count(a, "downloadLimit") * 1000 : null;
            Long up = a.has("uploadLimit") ? SessionMethods.count(a, "uploadLimit") * 1000 : null;
            Boolean downOn = a.has("downloadLimited") ? a.get("downloadLimited").asBoolean() : null;
            Boolean upOn = a.has("uploadLimited") ? a.get("uploadLimited").asBoolean() : null;
            steps.add(h -> torrents.handle(h).stats().toCompletionStage().thenCompose(s -> {
                long d = Boolean.FALSE.equals(downOn) ? 0 : down != null ? down : s.downloadLimit();
                long u = Boolean.FALSE.equals(upOn) ? 0 : up != null ? up : s.uploadLimit();
                return torrents.handle(h).setRateLimits(d, u).toCompletionStage();
            }));
        }
        if (a.has("peer-limit")) {
            int limit = (int) Math.max(1, Math.min(10_000, SessionMethods.count(a, "peer-limit")));
            steps.add(h -> torrents.handle(h).setMaxConnections(limit).toCompletionStage());
        }
        if (a.has("files-wanted") || a.has("files-unwanted") || a.has("priority-high") || a.has("priority-low")
                || a.has("priority-normal")) {
            steps.add(h -> files(h, a));
        }
        if (a.has("location")) {
            Path dir = torrents.insideDownloads(SessionMethods.text(a, "location"), "location");
            steps.add(h -> torrents.handle(h).moveStorage(dir).toCompletionStage());
        }
        UnaryOperator<TorrentPolicy> change = policy;
        CompletionStage<?> first = a.has("labels") || a.has("seedRatioMode") || a.has("seedRatioLimit")
                || a.has("seedIdleMode") || a.has("seedIdleLimit")
                ? torrents.session().library().change(handles(hs), change).exceptionally(e -> {
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    throw new Refused(Refused.Kind.BAD_REQUEST, c.getMessage());
                })
                : CompletableFuture.completedFuture(null);
        CompletionStage<?> done = first;
        for (Function<InfoHash, CompletionStage<?>> step : steps) {
            done = done.thenCompose(v -> each(hs, h -> step.apply(h)));
        }
        if (a.has("queuePosition")) {
            int position = (int) Math.min(Integer.MAX_VALUE, SessionMethods.count(a, "queuePosition"));
            for (InfoHash h : hs) {
                done = done.thenCompose(v -> torrents.session().queueMoveTo(h, position));
            }
        }
        return done.thenApply(v -> {
            hs.forEach(h -> torrents.session().markDirty(h));
            return RpcMethods.object();
        });
    }

    /** A seeding-goal mode: 0 (the session's), 1 (the torrent's), 2 (none). */
    private static int mode(ObjectNode a, String key) {
        long m = SessionMethods.count(a, key);
        if (m > 2) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "argument '" + key + "' must be 0, 1 or 2");
        }
        return (int) m;
    }

    private List<TorrentHandle> handles(List<InfoHash> hs) {
        List<TorrentHandle> out = new ArrayList<>();
        for (InfoHash h : hs) {
            TorrentHandle t = torrents.handle(h);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private CompletionStage<ObjectNode> each(List<InfoHash> hs, Function<InfoHash, CompletionStage<?>> action) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (InfoHash h : hs) {
            if (torrents.handle(h) != null) {
                all.add(action.apply(h).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> RpcMethods.object());
    }
}
