package dev.bitquark.app.compat.qbittorrent;

import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.compat.ContentRename;
import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.app.session.Library;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.QueueMove;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.tracker.TrackerStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * qBittorrent's {@code torrents/*} actions onto the session: lists (filters, sort, paging), one torrent's
 * properties, files and trackers ({@link QbTorrentDetails}), adds, removal, start and stop (both 5.x's names and 4.x's pause/resume),
 * recheck, reannounce, categories and tags, share limits, the queue, force start, location and file priorities.
 * Hashes match in either case and are written lower-case; {@code hashes=all} names every torrent.
 */
final class QbTorrents {
    private final CompatTorrents torrents;
    /**
     * Each torrent's info object as last built, with what it was built from: the engine hands back the same stats
     * object for a torrent that stayed quiet, so in a large session most objects are reused as they are, and
     * {@code sync/maindata}'s comparison of an unchanged one is an identity check.
     */
    private final Map<InfoHash, Built> built = new java.util.concurrent.ConcurrentHashMap<>();

    private record Built(TorrentStats stats, TorrentInfo.Context context, Map<String, Object> info,
                         Map<String, Object> withoutHash) {
        static Built of(TorrentStats t, TorrentInfo.Context c) {
            Map<String, Object> info = TorrentInfo.of(t, c);
            Map<String, Object> rest = new LinkedHashMap<>(info);
            rest.remove("hash");
            return new Built(t, c, java.util.Collections.unmodifiableMap(info),
                    java.util.Collections.unmodifiableMap(rest));
        }
    }

    private final QbTorrentDetails details;

    QbTorrents(CompatTorrents torrents) {
        this.torrents = torrents;
        this.details = new QbTorrentDetails(torrents);
    }

    CompletionStage<QbReply> call(String name, QbRequest r) {
        return switch (name) {
            case "info" -> info(r);
            case "properties" -> details.properties(r);
            case "files" -> details.files(r);
            case "trackers" -> details.trackers(r);
            case "pieceStates" -> details.pieceStates(r);
            case "add" -> QbAdd.add(torrents, r);
            case "delete" -> each(r, h -> torrents.session().remove(h, r.flag("deleteFiles", false)));
            case "stop", "pause" -> each(r, h -> torrents.handle(h).pause().toCompletionStage());
            // qBittorrent's start makes a torrent managed by the queue again (force start off).
            case "start", "resume" -> policies(r, p -> p.withForced(false)).thenCompose(x -> each(r,
                    h -> torrents.handle(h).resume().toCompletionStage()));
            case "recheck" -> each(r, h -> {
                torrents.handle(h).recheck();
                return CompletableFuture.completedFuture(null);
            });
            case "reannounce" -> each(r, h -> torrents.handle(h).reannounce().toCompletionStage());
            case "setForceStart" -> force(r);
            case "topPrio" -> queue(r, QueueMove.TOP);
            case "bottomPrio" -> queue(r, QueueMove.BOTTOM);
            case "increasePrio" -> queue(r, QueueMove.UP);
            case "decreasePrio" -> queue(r, QueueMove.DOWN);
            case "setShareLimits" -> shareLimits(r);
            case "categories" -> categories();
            case "createCategory" -> createCategory(r, false);
            case "editCategory" -> createCategory(r, true);
            case "removeCategories" -> removeCategories(r);
            case "setCategory" -> setCategory(r);
            case "tags" -> CompletableFuture.completedFuture(QbReply.json(List.copyOf(library().tags())));
            case "createTags" -> library().createTags(TorrentInfo.tags(r.param("tags", ""))).thenApply(s -> QbReply.EMPTY);
            case "deleteTags" -> library().deleteTags(TorrentInfo.tags(r.param("tags", ""))).thenApply(v -> QbReply.EMPTY);
            case "addTags" -> policies(r, tagsChange(r, true));
            case "removeTags" -> policies(r, tagsChange(r, false));
            case "setLocation" -> setLocation(r);
            case "addTrackers" -> trackerChange(r, true);
            case "removeTrackers" -> trackerChange(r, false);
            case "filePrio" -> filePrio(r);
            case "setDownloadLimit", "setUploadLimit" -> limits(r, name.equals("setDownloadLimit"));
            case "toggleSequentialDownload" -> each(r, h -> torrents.handle(h).stats().toCompletionStage()
                    .thenCompose(s -> torrents.handle(h).setSequential(!s.sequential()).toCompletionStage()));
            case "toggleFirstLastPiecePrio" -> policies(r, p -> p.withFirstLastPieces(!p.firstLastPieces()));
            case "setSuperSeeding", "setAutoManagement" -> each(r,
                    h -> CompletableFuture.completedFuture(null));
            case "renameFile", "renameFolder" -> renamePath(r);
            case "rename" -> renameTorrent(r);
            default -> CompletableFuture.failedFuture(QbReply.error(404, "Not Found"));
        };
    }

    private Library library() {
        return torrents.session().library();
    }

    // ---- reads -----------------------------------------------------------------------------------

    /** Every torrent's info object, in add order (the order qBittorrent lists when not sorted). */
    CompletionStage<List<Map<String, Object>>> all(Map<InfoHash, Set<EngineSnapshot.Part>> parts) {
        return listing(parts).thenApply(Listing::infos);
    }

    /** The info objects and, for {@code sync/maindata}, every tracker URL with the torrents that have it. */
    record Listing(List<Map<String, Object>> infos, Map<String, Map<String, Object>> byHash,
                   Map<String, Object> trackers) {
    }

    CompletionStage<Listing> listing(Map<InfoHash, Set<EngineSnapshot.Part>> parts) {
        return torrents.snapshot(parts).thenApply(s -> {
            boolean queueing = torrents.session().settings().queue().enabled();
            List<TorrentStats> list = new ArrayList<>(s.torrents());
            list.sort(Comparator.comparingLong(TorrentStats::addedAtMillis).thenComparing(t -> t.infoHash().toHex()));
            List<TorrentStats> unfinished = list.stream().filter(t -> !t.finished())
                    .sorted(Comparator.comparingInt(TorrentStats::queuePosition)).toList();
            Map<InfoHash, Integer> rank = new HashMap<>();
            for (int i = 0; i < unfinished.size(); i++) {
                rank.put(unfinished.get(i).infoHash(), i);
            }
            List<Map<String, Object>> out = new ArrayList<>(list.size());
            Map<String, Map<String, Object>> byHash = new LinkedHashMap<>();
            Map<String, Object> trackers = new LinkedHashMap<>();
            for (TorrentStats t : list) {
                EngineSnapshot.Details d = s.details().get(t.infoHash());
                TorrentInfo.Context c = context(t, d, rank.getOrDefault(t.infoHash(), 0), queueing);
                Built b = built.get(t.infoHash());
                if (b == null || b.stats() != t || !b.context().equals(c)) {
                    b = Built.of(t, c);
                    built.put(t.infoHash(), b);
                }
                out.add(b.info());
                byHash.put(t.infoHash().toHex(), b.withoutHash());
                if (d != null && d.trackers() != null) {
                    for (TrackerStatus tr : d.trackers()) {
                        @SuppressWarnings("unchecked")
                        List<String> hs = (List<String>) trackers.computeIfAbsent(tr.url(), k -> new ArrayList<>());
                        hs.add(t.infoHash().toHex());
                    }
                }
            }
            if (built.size() > list.size()) {
                java.util.Set<InfoHash> present = new java.util.HashSet<>();
                list.forEach(t -> present.add(t.infoHash()));
                built.keySet().retainAll(present);
            }
            return new Listing(out, byHash, trackers);
        });
    }

    private TorrentInfo.Context context(TorrentStats t, EngineSnapshot.Details d, int rank, boolean queueing) {
        TorrentHandle h = torrents.handle(t.infoHash());
        Metainfo meta = h == null ? null : h.metainfo();
        String magnet = meta != null ? meta.toMagnet().toUri() : h != null && h.magnet() != null ? h.magnet().toUri()
                : "magnet:?xt=urn:btih:" + t.infoHash().toHex();
        String tracker = "";
        int count = meta == null ? 0 : (int) meta.announceTiers().stream().mapToLong(List::size).sum();
        if (d != null && d.trackers() != null) {
            count = d.trackers().size();
            for (TrackerStatus tr : d.trackers()) {
                if (tr.lastResult() == TrackerStatus.Result.OK) {
                    tracker = tr.url();
                    break;
                }
            }
        }
        return new TorrentInfo.Context(magnet, tracker, count, meta != null && meta.isPrivate(), rank, queueing,
                meta == null ? "" : meta.comment().orElse(""));
    }

    private CompletionStage<QbReply> info(QbRequest r) {
        String filter = r.param("filter", "all").toLowerCase(Locale.ROOT);
        String category = r.param("category");
        String tag = r.param("tag");
        Set<String> hashes = hashSet(r.param("hashes"));
        // The first working tracker is part of every object: ask for the trackers of every torrent.
        Map<InfoHash, Set<EngineSnapshot.Part>> parts = new HashMap<>();
        for (TorrentHandle h : torrents.session().handles()) {
            parts.put(h.infoHash(), EnumSet.of(EngineSnapshot.Part.TRACKERS));
        }
        return all(parts).thenApply(list -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> t : list) {
                if (hashes != null && !hashes.contains((String) t.get("hash"))) {
                    continue;
                }
                if (category != null && !category.equals(t.get("category"))) {
                    continue;
                }
                if (tag != null && !(tag.isEmpty() ? t.get("tags").equals("")
                        : List.of(((String) t.get("tags")).split(", ")).contains(tag))) {
                    continue;
                }
                if (r.params().containsKey("private") && r.flag("private", false) != (Boolean) t.get("private")) {
                    continue;
                }
                if (!matches(filter, t)) {
                    continue;
                }
                out.add(t);
            }
            String sort = r.param("sort");
            if (sort != null && !sort.isBlank()) {
                Comparator<Map<String, Object>> by = (a, b) -> compare(a.get(sort), b.get(sort));
                out.sort(r.flag("reverse", false) ? by.reversed() : by);
            } else if (r.flag("reverse", false)) {
                java.util.Collections.reverse(out);
            }
            int offset = (int) Math.max(0, Math.min(Integer.MAX_VALUE, r.number("offset", 0)));
            if (r.number("offset", 0) < 0) {
                offset = Math.max(0, out.size() + (int) r.number("offset", 0));
            }
            long limit = r.number("limit", 0);
            List<Map<String, Object>> page = out.subList(Math.min(offset, out.size()), limit > 0
                    ? (int) Math.min(out.size(), (long) offset + limit) : out.size());
            return QbReply.json(List.copyOf(page));
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareToIgnoreCase(y);
        }
        if (a instanceof Comparable c && a.getClass() == b.getClass()) {
            return c.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** qBittorrent's filters (4.x's names too: paused, resumed). */
    static boolean matches(String filter, Map<String, Object> t) {
        String state = (String) t.get("state");
        boolean up = state.endsWith("UP") || state.equals("uploading");
        boolean stopped = state.startsWith("stopped");
        boolean active = ((Number) t.get("dlspeed")).longValue() > 0 || ((Number) t.get("upspeed")).longValue() > 0;
        return switch (filter) {
            case "downloading" -> !up && !state.equals("error") && !state.equals("missingFiles");
            case "seeding" -> up && !stopped && !state.equals("checkingUP");
            case "completed" -> up;
            case "stopped", "paused" -> stopped;
            case "running", "resumed" -> !stopped;
            case "active" -> active;
            case "inactive" -> !active;
            case "stalled" -> state.startsWith("stalled");
            case "stalled_uploading" -> state.equals("stalledUP");
            case "stalled_downloading" -> state.equals("stalledDL");
            case "checking" -> state.startsWith("checking");
            case "moving" -> state.equals("moving");
            case "errored" -> state.equals("error") || state.equals("missingFiles");
            default -> true;
        };
    }

    private TorrentHandle one(QbRequest r) {
        return QbTorrentDetails.one(torrents, r);
    }

    // ---- changes ---------------------------------------------------------------------------------

    /** {@code hashes}: {@code all} or hashes separated by {@code |}; null set = all. */
    static Set<String> hashSet(String hashes) {
        if (hashes == null || hashes.strip().equalsIgnoreCase("all")) {
            return null;
        }
        Set<String> out = new java.util.HashSet<>();
        for (String h : hashes.split("\\|")) {
            InfoHash parsed = CompatTorrents.parseHash(h);
            if (parsed != null) {
                out.add(parsed.toHex());
            }
        }
        return out;
    }

    private List<InfoHash> chosen(QbRequest r) {
        String hashes = r.param("hashes", r.param("hash"));
        if (hashes == null) {
            throw QbReply.error(400, "hashes is missing");
        }
        Set<String> set = hashSet(hashes);
        List<InfoHash> out = new ArrayList<>();
        for (TorrentHandle h : torrents.session().handles()) {
            if (set == null || set.contains(h.infoHash().toHex())) {
                out.add(h.infoHash());
            }
        }
        return out;
    }

    private CompletionStage<QbReply> each(QbRequest r, java.util.function.Function<InfoHash, CompletionStage<?>> a) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (InfoHash h : chosen(r)) {
            if (torrents.handle(h) != null) {
                all.add(a.apply(h).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> QbReply.EMPTY);
    }

    private List<TorrentHandle> handles(QbRequest r) {
        List<TorrentHandle> out = new ArrayList<>();
        for (InfoHash h : chosen(r)) {
            TorrentHandle t = torrents.handle(h);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private CompletionStage<QbReply> policies(QbRequest r, UnaryOperator<TorrentPolicy> change) {
        List<TorrentHandle> hs = handles(r);
        return library().change(hs, change).thenApply(v -> {
            hs.forEach(h -> torrents.session().markDirty(h.infoHash()));
            return QbReply.EMPTY;
        });
    }

    private static UnaryOperator<TorrentPolicy> tagsChange(QbRequest r, boolean add) {
        List<String> tags;
        try {
            tags = TorrentInfo.tags(r.param("tags", ""));
        } catch (IllegalArgumentException e) {
            throw QbReply.error(400, e.getMessage());
        }
        return add ? p -> p.withTags(java.util.stream.Stream.concat(p.tags().stream(), tags.stream()).toList())
                : p -> p.withTags(p.tags().stream().filter(t -> !tags.contains(t)).toList());
    }

    private CompletionStage<QbReply> force(QbRequest r) {
        boolean on = r.flag("value", false);
        List<TorrentHandle> hs = handles(r);
        return library().change(hs, p -> p.withForced(on)).thenCompose(v -> {
            List<CompletableFuture<?>> all = new ArrayList<>();
            if (on) {
                hs.forEach(h -> all.add(h.resume().toCompletionStage().toCompletableFuture()));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }).thenApply(v -> QbReply.EMPTY);
    }

    /** 409 when the queue is off, as qBittorrent answers (Sonarr expects and ignores it). */
    private CompletionStage<QbReply> queue(QbRequest r, QueueMove move) {
        if (!torrents.session().settings().queue().enabled()) {
            throw QbReply.error(409, "Torrent queueing must be enabled");
        }
        return torrents.session().queueMove(chosen(r), move).thenApply(v -> QbReply.EMPTY);
    }

    /** Missing parameters default to -2 (the session's); Sonarr sends only the first three. */
    private CompletionStage<QbReply> shareLimits(QbRequest r) {
        double ratio = r.decimal("ratioLimit", SeedGoals.SESSION);
        long seeding = r.number("seedingTimeLimit", SeedGoals.SESSION);
        long idle = r.number("inactiveSeedingTimeLimit", SeedGoals.SESSION);
        SeedGoals goals;
        try {
            goals = new SeedGoals(ratio < 0 && ratio != SeedGoals.SESSION ? SeedGoals.NONE : ratio,
                    seeding < 0 && seeding != SeedGoals.SESSION ? SeedGoals.NONE : seeding,
                    idle < 0 && idle != SeedGoals.SESSION ? SeedGoals.NONE : idle);
        } catch (IllegalArgumentException e) {
            throw QbReply.error(400, e.getMessage());
        }
        return policies(r, p -> p.withGoals(goals));
    }

    private CompletionStage<QbReply> categories() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : library().categories().entrySet()) {
            out.put(c.getKey(), category(c.getKey(), c.getValue()));
        }
        return CompletableFuture.completedFuture(QbReply.json(out));
    }

    Map<String, Object> category(String name, String folder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("savePath", folder.isEmpty() ? "" : torrents.sessions().downloadRoot().resolve(folder).toString());
        return m;
    }

    /** {@code savePath}: absolute inside the download folder, or relative to it; kept relative. */
    private String folder(QbRequest r) {
        String raw = r.param("savePath", "");
        if (raw.isBlank()) {
            return "";
        }
        try {
            Path p = torrents.insideDownloads(raw.strip(), "savePath");
            return torrents.sessions().downloadRoot().relativize(p).toString().replace('\\', '/');
        } catch (Refused e) {
            throw QbReply.error(400, e.getMessage());
        }
    }

    private CompletionStage<QbReply> createCategory(QbRequest r, boolean edit) {
        String name;
        try {
            name = TorrentPolicy.checkCategory(r.param("category", ""));
        } catch (IllegalArgumentException e) {
            throw QbReply.error(409, "Invalid category name");
        }
        if (name.isEmpty()) {
            throw QbReply.error(409, "Invalid category name");
        }
        String folder = folder(r);
        CompletionStage<?> done = edit ? library().editCategory(name, folder) : library().createCategory(name, folder);
        return done.handle((v, e) -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                if (c instanceof Library.Conflict) {
                    throw QbReply.error(409, edit ? "Category does not exist" : "Category already exists");
                }
                throw new java.util.concurrent.CompletionException(c);
            }
            return QbReply.EMPTY;
        });
    }

    private CompletionStage<QbReply> removeCategories(QbRequest r) {
        List<String> names = new ArrayList<>();
        for (String n : r.param("categories", "").split("\n")) {
            if (!n.isBlank()) {
                names.add(n.strip());
            }
        }
        return library().removeCategories(names).thenApply(v -> QbReply.EMPTY);
    }

    /** An unknown category is a 409 ("Incorrect category name"); "" clears it. */
    private CompletionStage<QbReply> setCategory(QbRequest r) {
        String name = r.param("category", "").strip();
        if (!name.isEmpty() && !library().categories().containsKey(name)) {
            throw QbReply.error(409, "Incorrect category name");
        }
        return policies(r, p -> p.withCategory(name.isEmpty() ? null : name));
    }

    private CompletionStage<QbReply> setLocation(QbRequest r) {
        String location = r.param("location");
        if (location == null || location.isBlank()) {
            throw QbReply.error(400, "Save path cannot be empty");
        }
        Path dir;
        try {
            dir = torrents.insideDownloads(location.strip(), "location");
        } catch (Refused e) {
            throw QbReply.error(400, e.getMessage());
        }
        return each(r, h -> torrents.handle(h).moveStorage(dir).toCompletionStage()
                .thenCompose(v -> torrents.session().saveNow(h)));
    }

    /**
     * {@code renameFile}/{@code renameFolder}: {@code oldPath} to {@code newPath}, as the files list names them
     * (the torrent's own folder first; renaming that folder renames the content). Every refusal is 409, as in
     * qBittorrent.
     */
    private CompletionStage<QbReply> renamePath(QbRequest r) {
        TorrentHandle h = one(r);
        if (!h.hasMetadata()) {
            throw QbReply.error(409, "torrent's metadata has not downloaded yet");
        }
        CompletionStage<Void> done;
        try {
            done = ContentRename.rename(h, r.param("oldPath", ""), r.param("newPath", ""));
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.handle((v, e) -> {
            if (e != null) {
                Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                throw QbReply.error(409, String.valueOf(c.getMessage()));
            }
            return null;
        }).thenCompose(v -> torrents.session().saveNow(h.infoHash())).thenApply(v -> QbReply.EMPTY);
    }

    /**
     * {@code rename}: the name the torrent is shown by; qBittorrent keeps it apart from the files, which keep theirs.
     * An empty name is refused with its message ("Incorrect torrent name", 409).
     */
    private CompletionStage<QbReply> renameTorrent(QbRequest r) {
        TorrentHandle h = one(r);
        String name;
        try {
            name = TorrentPolicy.checkTorrentName(r.param("name", ""));
        } catch (IllegalArgumentException e) {
            throw QbReply.error(409, e.getMessage());
        }
        if (name == null) {
            throw QbReply.error(409, "Incorrect torrent name");
        }
        return library().change(List.of(h), p -> p.withName(name)).thenApply(v -> QbReply.EMPTY);
    }

    /** {@code urls}: newline-separated to add, {@code |}-separated to remove (qBittorrent's forms). */
    private CompletionStage<QbReply> trackerChange(QbRequest r, boolean add) {
        TorrentHandle h = one(r);
        List<String> urls = new ArrayList<>();
        for (String u : r.param("urls", "").split(add ? "\n" : "\\|")) {
            if (!u.isBlank()) {
                urls.add(u.strip());
            }
        }
        return (add ? h.addTrackers(urls) : h.removeTrackers(urls)).toCompletionStage().handle((v, e) -> {
            if (e != null) {
                throw QbReply.error(409, String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage()));
            }
            torrents.session().markDirty(h.infoHash());
            return QbReply.EMPTY;
        });
    }

    private CompletionStage<QbReply> filePrio(QbRequest r) {
        TorrentHandle h = one(r);
        if (!h.hasMetadata()) {
            throw QbReply.error(409, "torrent's metadata has not downloaded yet");
        }
        int count = h.metainfo().files().size();
        long priority = r.number("priority", -1);
        FilePriority p = priority == 0 ? FilePriority.SKIP : priority == 1 ? FilePriority.NORMAL
                : priority == 6 || priority == 7 ? FilePriority.HIGH : null;
        if (p == null) {
            throw QbReply.error(400, "priority is not valid");
        }
        Map<Integer, FilePriority> changes = new HashMap<>();
        for (String i : r.param("id", "").split("\\|")) {
            int index;
            try {
                index = Integer.parseInt(i.strip());
            } catch (NumberFormatException e) {
                throw QbReply.error(400, "id must be file indexes separated by |");
            }
            if (index < 0 || index >= count) {
                throw QbReply.error(409, "file index out of range");
            }
            changes.put(index, p);
        }
        return h.changeFilePriorities(changes).toCompletionStage().thenApply(v -> {
            torrents.session().markDirty(h.infoHash());
            return QbReply.EMPTY;
        });
    }

    private CompletionStage<QbReply> limits(QbRequest r, boolean download) {
        long limit = Math.max(0, r.number("limit", 0));
        return each(r, h -> torrents.handle(h).stats().toCompletionStage().thenCompose(s -> torrents.handle(h)
                .setRateLimits(download ? limit : s.downloadLimit(), download ? s.uploadLimit() : limit)
                .toCompletionStage()));
    }

    /** The state a stopped torrent would show, for tests of the mapping. */
    static boolean stopped(TorrentStats s) {
        return s.state() == TorrentState.PAUSED;
    }
}
