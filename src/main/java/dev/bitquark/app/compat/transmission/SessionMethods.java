package dev.bitquark.app.compat.transmission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.SessionStats;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code session-get}, {@code session-set}, {@code session-stats}, {@code free-space} and {@code port-test}: the
 * session's settings and figures under Transmission's names (rpc-version 17; a version string Sonarr accepts:
 * its regex takes the first number, and it asks for 2.40 or later, 4.0 for labels). Speeds in Transmission's kB/s
 * (1000 bytes). Settings with no counterpart here keep Transmission's defaults and are accepted and ignored on
 * {@code session-set}, as Transmission ignores keys it does not know.
 */
final class SessionMethods {
    /** What Sonarr and the remotes read as Transmission's version (the real one follows in brackets). */
    static final String VERSION = "4.0.6 (bitquark)";
    static final int RPC_VERSION = 17;
    static final int RPC_VERSION_MINIMUM = 14;
    static final String RPC_SEMVER = "5.3.0";
    private static final long KB = 1000;

    private final CompatTorrents torrents;
    private final String sessionId;
    private final long startedAt = System.currentTimeMillis();

    SessionMethods(CompatTorrents torrents, String sessionId) {
        this.torrents = torrents;
        this.sessionId = sessionId;
    }

    CompletionStage<ObjectNode> get(ObjectNode args) {
        SessionSettings s = torrents.session().settings();
        Path dir = torrents.sessions().downloadDir(null);
        QueueSettings q = s.queue();
        SeedGoals g = s.seedGoals();
        ObjectNode o = RpcMethods.object();
        o.put("alt-speed-down", s.altDownloadLimit() / KB);
        o.put("alt-speed-enabled", s.altSpeed());
        o.put("alt-speed-time-begin", 540);
        o.put("alt-speed-time-day", 127);
        o.put("alt-speed-time-enabled", false);
        o.put("alt-speed-time-end", 1020);
        o.put("alt-speed-up", s.altUploadLimit() / KB);
        o.put("blocklist-enabled", false);
        o.put("blocklist-size", 0);
        o.put("blocklist-url", "");
        o.put("cache-size-mb", 4);
        o.put("config-dir", "");
        o.put("dht-enabled", torrents.sessions().dhtEnabled());
        o.put("download-dir", dir.toString());
        o.put("download-dir-free-space", free(dir));
        o.put("download-queue-enabled", q.enabled() && q.maxDownloads() >= 0);
        o.put("download-queue-size", Math.max(0, q.maxDownloads()));
        o.put("encryption", "preferred");
        o.put("idle-seeding-limit", Math.max(0, g.idleMinutes()));
        o.put("idle-seeding-limit-enabled", g.idleMinutes() >= 0);
        o.put("incomplete-dir", dir.toString());
        o.put("incomplete-dir-enabled", false);
        o.put("lpd-enabled", torrents.sessions().lsdEnabled());
        o.put("peer-limit-global", torrents.engine().config().maxConnections());
        o.put("peer-limit-per-torrent", 50);
        o.put("peer-port", torrents.engine().peerPort());
        o.put("peer-port-random-on-start", false);
        o.put("pex-enabled", torrents.sessions().pexEnabled());
        o.put("port-forwarding-enabled", false);
        o.put("queue-stalled-enabled", q.ignoreSlow());
        o.put("queue-stalled-minutes", Math.max(1, q.slowAfterSeconds() / 60));
        o.put("rename-partial-files", false);
        o.put("rpc-version", RPC_VERSION);
        o.put("rpc-version-minimum", RPC_VERSION_MINIMUM);
        o.put("rpc-version-semver", RPC_SEMVER);
        o.put("script-torrent-added-enabled", false);
        o.put("script-torrent-added-filename", "");
        o.put("script-torrent-done-enabled", false);
        o.put("script-torrent-done-filename", "");
        o.put("script-torrent-done-seeding-enabled", false);
        o.put("script-torrent-done-seeding-filename", "");
        o.put("seed-queue-enabled", q.enabled() && q.maxSeeds() >= 0);
        o.put("seed-queue-size", Math.max(0, q.maxSeeds()));
        o.put("seedRatioLimit", Math.max(0, g.ratio()));
        o.put("seedRatioLimited", g.ratio() >= 0);
        o.put("session-id", sessionId);
        o.put("speed-limit-down", s.downloadLimit() / KB);
        o.put("speed-limit-down-enabled", s.downloadLimit() > 0);
        o.put("speed-limit-up", s.uploadLimit() / KB);
        o.put("speed-limit-up-enabled", s.uploadLimit() > 0);
        o.put("start-added-torrents", true);
        o.put("tcp-enabled", true);
        o.put("trash-original-torrent-files", false);
        ObjectNode units = o.putObject("units");
        units.put("memory-bytes", 1024);
        units.putArray("memory-units").add("KiB").add("MiB").add("GiB").add("TiB");
        units.put("size-bytes", 1000);
        units.putArray("size-units").add("kB").add("MB").add("GB").add("TB");
        units.put("speed-bytes", 1000);
        units.putArray("speed-units").add("kB/s").add("MB/s").add("GB/s").add("TB/s");
        o.put("utp-enabled", false);
        o.put("version", VERSION);
        JsonNode fields = args.get("fields");
        if (fields != null && fields.isArray()) {
            ObjectNode only = RpcMethods.object();
            fields.forEach(f -> {
                if (o.has(f.asText())) {
                    only.set(f.asText(), o.get(f.asText()));
                }
            });
            return CompletableFuture.completedFuture(only);
        }
        return CompletableFuture.completedFuture(o);
    }

    /** Transmission's defaults for a limit switched on without a value: ratio 2, idle 30 minutes. */
    static final double DEFAULT_RATIO = 2.0;
    static final long DEFAULT_IDLE_MINUTES = 30;

    /**
     * Applies the keys it knows, and only those (a value switched on without one takes the last value, else
     * Transmission's default); every value is checked first, then applied to the settings in force at that moment
     * (a change made meanwhile through another API is kept). Other keys are ignored.
     */
    CompletionStage<ObjectNode> set(ObjectNode a) {
        // Checked now, before anything changes.
        for (String k : List.of("speed-limit-down", "speed-limit-up", "alt-speed-down", "alt-speed-up",
                "download-queue-size", "seed-queue-size", "queue-stalled-minutes", "idle-seeding-limit")) {
            if (a.has(k)) {
                count(a, k);
            }
        }
        if (a.has("seedRatioLimit")) {
            number(a, "seedRatioLimit");
        }
        String folder;
        if (a.has("download-dir")) {
            Path p = torrents.insideDownloads(text(a, "download-dir"), "download-dir");
            folder = torrents.sessions().downloadRoot().relativize(p).toString().replace('\\', '/');
        } else {
            folder = null;
        }
        return torrents.session().updateSettings(before -> apply(a, before, folder)).handle((s, e) -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                throw c instanceof Refused r ? r : new Refused(Refused.Kind.BAD_REQUEST, String.valueOf(c.getMessage()));
            }
            return RpcMethods.object();
        });
    }

    private static SessionSettings apply(ObjectNode a, SessionSettings before, String folder) {
        long down = speed(a, "speed-limit-down", "speed-limit-down-enabled", before.downloadLimit());
        long up = speed(a, "speed-limit-up", "speed-limit-up-enabled", before.uploadLimit());
        long altDown = a.has("alt-speed-down") ? kb(a, "alt-speed-down") : before.altDownloadLimit();
        long altUp = a.has("alt-speed-up") ? kb(a, "alt-speed-up") : before.altUploadLimit();
        boolean alt = a.has("alt-speed-enabled") ? a.get("alt-speed-enabled").asBoolean() : before.altSpeed();
        SeedGoals g = before.seedGoals();
        double ratio = g.ratio();
        if (a.has("seedRatioLimited") || a.has("seedRatioLimit")) {
            boolean on = a.has("seedRatioLimited") ? a.get("seedRatioLimited").asBoolean() : ratio >= 0;
            double value = a.has("seedRatioLimit") ? number(a, "seedRatioLimit") : ratio >= 0 ? ratio : DEFAULT_RATIO;
            ratio = on ? value : SeedGoals.NONE;
        }
        long idle = g.idleMinutes();
        if (a.has("idle-seeding-limit-enabled") || a.has("idle-seeding-limit")) {
            boolean on = a.has("idle-seeding-limit-enabled") ? a.get("idle-seeding-limit-enabled").asBoolean()
                    : idle >= 0;
            long value = a.has("idle-seeding-limit") ? count(a, "idle-seeding-limit")
                    : idle >= 0 ? idle : DEFAULT_IDLE_MINUTES;
            idle = on ? value : SeedGoals.NONE;
        }
        SeedGoals goals;
        try {
            goals = new SeedGoals(ratio, g.seedingMinutes(), idle);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.BAD_REQUEST, e.getMessage());
        }
        QueueSettings q = before.queue();
        QueueSettings queue = List.of("download-queue-enabled", "seed-queue-enabled", "download-queue-size",
                "seed-queue-size", "queue-stalled-enabled", "queue-stalled-minutes").stream().anyMatch(a::has)
                ? queue(a, q) : q;
        SessionSettings n = before.withRateLimits(down, up).withAltLimits(altDown, altUp, alt).withSeedGoals(goals)
                .withQueue(queue);
        return folder == null ? n : new SessionSettings(n.downloadLimit(), n.uploadLimit(), n.maxConnections(),
                n.maxConcurrentChecks(), folder, n.eventsIntervalMillis(), n.altDownloadLimit(), n.altUploadLimit(),
                n.altSpeed(), n.logToFile(), n.setupDone(), n.queue(), n.seedGoals(), n.categories(), n.tags());
    }

    /** Transmission's two queues onto one: each a limit of its kind; no total limit once it is turned on here. */
    private static QueueSettings queue(ObjectNode a, QueueSettings q) {
        boolean downQueue = a.has("download-queue-enabled") ? a.get("download-queue-enabled").asBoolean()
                : q.enabled() && q.maxDownloads() >= 0;
        boolean seedQueue = a.has("seed-queue-enabled") ? a.get("seed-queue-enabled").asBoolean()
                : q.enabled() && q.maxSeeds() >= 0;
        int downSize = a.has("download-queue-size") ? (int) count(a, "download-queue-size")
                : Math.max(0, q.maxDownloads());
        int seedSize = a.has("seed-queue-size") ? (int) count(a, "seed-queue-size") : Math.max(0, q.maxSeeds());
        boolean stalled = a.has("queue-stalled-enabled") ? a.get("queue-stalled-enabled").asBoolean() : q.ignoreSlow();
        int stalledSeconds = a.has("queue-stalled-minutes") ? (int) Math.min(1440, count(a, "queue-stalled-minutes")) * 60
                : q.slowAfterSeconds();
        return new QueueSettings(downQueue || seedQueue, downQueue ? downSize : -1,
                seedQueue ? seedSize : -1, q.enabled() ? q.maxActive() : -1, stalled, q.slowDownload(), q.slowUpload(),
                stalledSeconds);
    }

    CompletionStage<ObjectNode> stats() {
        return torrents.engine().sessionStats().toCompletionStage().thenApply(st -> {
            ObjectNode o = RpcMethods.object();
            int active = st.live() + st.checking() + st.metadata();
            o.put("activeTorrentCount", active);
            o.put("downloadSpeed", st.downloadRate());
            o.put("pausedTorrentCount", st.torrents() - active);
            o.put("torrentCount", st.torrents());
            o.put("uploadSpeed", st.uploadRate());
            ObjectNode now = stats(st);
            o.set("cumulative-stats", now);
            o.set("current-stats", now.deepCopy());
            return o;
        });
    }

    private ObjectNode stats(SessionStats st) {
        ObjectNode o = RpcMethods.object();
        o.put("downloadedBytes", st.downloadedTotal());
        o.put("filesAdded", st.torrents());
        o.put("secondsActive", (System.currentTimeMillis() - startedAt) / 1000);
        o.put("sessionCount", 1);
        o.put("uploadedBytes", st.uploadedTotal());
        return o;
    }

    CompletionStage<ObjectNode> freeSpace(ObjectNode a) {
        String path = text(a, "path");
        Path p = torrents.insideDownloads(path, "path");
        ObjectNode o = RpcMethods.object();
        o.put("path", path);
        Path existing = p;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        long free = -1;
        long total = -1;
        if (existing != null) {
            try {
                FileStore store = Files.getFileStore(existing);
                free = store.getUsableSpace();
                total = store.getTotalSpace();
            } catch (IOException e) {
                throw new Refused(Refused.Kind.BAD_REQUEST, "cannot read the free space at " + existing + ": "
                        + e.getMessage());
            }
        }
        o.put("size-bytes", free);
        o.put("total_size", total);
        return CompletableFuture.completedFuture(o);
    }

    /** Open when a peer from outside has reached us through the listening port since the start. */
    CompletionStage<ObjectNode> portTest() {
        return torrents.engine().sessionStats().toCompletionStage()
                .thenApply(st -> RpcMethods.object().put("port-is-open", st.incomingPeers() > 0));
    }

    private static long free(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long speed(ObjectNode a, String key, String enabledKey, long before) {
        boolean on = a.has(enabledKey) ? a.get(enabledKey).asBoolean() : before > 0;
        long value = a.has(key) ? kb(a, key) : before;
        return on ? value : 0;
    }

    private static long kb(ObjectNode a, String key) {
        return count(a, key) * KB;
    }

    static long count(ObjectNode a, String key) {
        JsonNode v = a.get(key);
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1e12) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "argument '" + key + "' must be a number from 0");
        }
        return v.asLong();
    }

    static double number(ObjectNode a, String key) {
        JsonNode v = a.get(key);
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() > SeedGoals.MAX_RATIO) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "argument '" + key + "' must be a number from 0");
        }
        return v.asDouble();
    }

    static String text(ObjectNode a, String key) {
        JsonNode v = a.get(key);
        if (v == null || !v.isTextual()) {
            throw new Refused(Refused.Kind.BAD_REQUEST, "argument '" + key + "' must be a string");
        }
        return v.textValue();
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
