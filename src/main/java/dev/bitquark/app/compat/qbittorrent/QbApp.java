package dev.bitquark.app.compat.qbittorrent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.app.compat.CompatTorrents.Refused;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.SessionStats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * qBittorrent's {@code app/*} and {@code transfer/*}: the persona (qBittorrent 5.1.4, WebAPI 2.11.4: the newest
 * that still answers logins with "Ok." and names its cookie {@code SID}, which the npm client and Flood need),
 * the preferences the *arr apps read (share limits, queueing, DHT, save path) and apply, and the transfer
 * figures. Preferences with no counterpart here keep qBittorrent's defaults and are ignored when set.
 */
final class QbApp {
    static final String VERSION = "v5.1.4";
    static final String WEB_API_VERSION = "2.11.4";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompatTorrents torrents;
    private final String bitquarkVersion;

    QbApp(CompatTorrents torrents, String bitquarkVersion) {
        this.torrents = torrents;
        this.bitquarkVersion = bitquarkVersion;
    }

    CompletionStage<QbReply> call(String action, QbRequest r) {
        return switch (action) {
            case "app/version" -> done(QbReply.text(VERSION));
            case "app/webapiVersion" -> done(QbReply.text(WEB_API_VERSION));
            case "app/buildInfo" -> done(QbReply.json(buildInfo()));
            case "app/defaultSavePath" -> done(QbReply.text(torrents.sessions().downloadDir(null).toString()));
            case "app/preferences" -> done(QbReply.json(preferences()));
            case "app/setPreferences" -> setPreferences(r);
            case "app/shutdown" -> CompletableFuture.failedFuture(QbReply.error(403,
                    "shutdown is not allowed: bitquark is stopped by its service manager"));
            case "transfer/info" -> torrents.engine().sessionStats().toCompletionStage()
                    .thenApply(s -> QbReply.json(transferInfo(s)));
            case "transfer/speedLimitsMode" -> done(QbReply.text(torrents.session().settings().altSpeed() ? "1" : "0"));
            case "transfer/toggleSpeedLimitsMode" -> torrents.session().updateSettings(s -> s.withAltLimits(
                    s.altDownloadLimit(), s.altUploadLimit(), !s.altSpeed())).thenApply(s -> QbReply.EMPTY);
            case "transfer/downloadLimit" -> done(QbReply.text(Long.toString(torrents.session().settings()
                    .effectiveDownloadLimit())));
            case "transfer/uploadLimit" -> done(QbReply.text(Long.toString(torrents.session().settings()
                    .effectiveUploadLimit())));
            case "transfer/setDownloadLimit" -> torrents.session().updateSettings(s -> s.withRateLimits(
                    Math.max(0, r.number("limit", 0)), s.uploadLimit())).thenApply(s -> QbReply.EMPTY);
            case "transfer/setUploadLimit" -> torrents.session().updateSettings(s -> s.withRateLimits(
                    s.downloadLimit(), Math.max(0, r.number("limit", 0)))).thenApply(s -> QbReply.EMPTY);
            default -> CompletableFuture.failedFuture(QbReply.error(404, "Not Found"));
        };
    }

    private static CompletionStage<QbReply> done(QbReply r) {
        return CompletableFuture.completedFuture(r);
    }

    private Map<String, Object> buildInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bitness", 64);
        m.put("boost", "");
        m.put("libtorrent", "bitquark " + bitquarkVersion);
        m.put("openssl", "");
        m.put("platform", System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT));
        m.put("qt", "");
        m.put("zlib", "");
        return m;
    }

    Map<String, Object> preferences() {
        SessionSettings s = torrents.session().settings();
        QueueSettings q = s.queue();
        SeedGoals g = s.seedGoals();
        Path dir = torrents.sessions().downloadDir(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("add_trackers", "");
        m.put("add_trackers_enabled", false);
        m.put("alt_dl_limit", s.altDownloadLimit());
        m.put("alt_up_limit", s.altUploadLimit());
        m.put("auto_delete_mode", 0);
        m.put("auto_tmm_enabled", false);
        m.put("category_changed_tmm_enabled", false);
        m.put("create_subfolder_enabled", true);
        m.put("dht", torrents.sessions().dhtEnabled());
        m.put("dl_limit", s.downloadLimit());
        m.put("dont_count_slow_torrents", q.ignoreSlow());
        m.put("encryption", 0);
        m.put("export_dir", "");
        m.put("export_dir_fin", "");
        m.put("incomplete_files_ext", false);
        m.put("listen_port", torrents.engine().peerPort());
        m.put("locale", "en");
        m.put("lsd", torrents.sessions().lsdEnabled());
        m.put("max_active_downloads", q.maxDownloads());
        m.put("max_active_torrents", q.maxActive());
        m.put("max_active_uploads", q.maxSeeds());
        m.put("max_connec", torrents.engine().config().maxConnections());
        m.put("max_connec_per_torrent", 50);
        m.put("max_inactive_seeding_time", Math.max(-1, g.idleMinutes()));
        m.put("max_inactive_seeding_time_enabled", g.idleMinutes() >= 0);
        m.put("max_ratio", g.ratio() >= 0 ? g.ratio() : -1);
        m.put("max_ratio_act", 0);
        m.put("max_ratio_enabled", g.ratio() >= 0);
        m.put("max_seeding_time", Math.max(-1, g.seedingMinutes()));
        m.put("max_seeding_time_enabled", g.seedingMinutes() >= 0);
        m.put("max_uploads", -1);
        m.put("max_uploads_per_torrent", -1);
        m.put("pex", torrents.sessions().pexEnabled());
        m.put("preallocate_all", false);
        m.put("queueing_enabled", q.enabled());
        m.put("random_port", false);
        m.put("save_path", dir.toString());
        m.put("scan_dirs", Map.of());
        m.put("slow_torrent_dl_rate_threshold", q.slowDownload() / 1024);
        m.put("slow_torrent_inactive_timer", q.slowAfterSeconds());
        m.put("slow_torrent_ul_rate_threshold", q.slowUpload() / 1024);
        m.put("start_paused_enabled", false);
        m.put("temp_path", dir.toString());
        m.put("temp_path_enabled", false);
        m.put("torrent_content_layout", "Original");
        m.put("torrent_stop_condition", "None");
        m.put("up_limit", s.uploadLimit());
        m.put("upnp", false);
        m.put("use_https", false);
        m.put("web_ui_address", "*");
        m.put("web_ui_port", 0);
        m.put("web_ui_username", "admin");
        return m;
    }

    /** {@code json=<object>}: the keys it knows are applied together; the others are ignored. */
    private CompletionStage<QbReply> setPreferences(QbRequest r) {
        JsonNode p;
        try {
            p = JSON.readTree(r.param("json", "{}"));
        } catch (java.io.IOException e) {
            throw QbReply.error(400, "json is not valid JSON");
        }
        if (!p.isObject()) {
            throw QbReply.error(400, "json must be an object");
        }
        String folder = null;
        if (p.hasNonNull("save_path")) {
            try {
                Path dir = torrents.insideDownloads(p.get("save_path").asText(), "save_path");
                folder = torrents.sessions().downloadRoot().relativize(dir).toString().replace('\\', '/');
            } catch (Refused e) {
                throw QbReply.error(400, e.getMessage());
            }
        }
        String f = folder;
        return torrents.session().updateSettings(s -> {
            QueueSettings q = s.queue();
            QueueSettings queue = new QueueSettings(p.path("queueing_enabled").asBoolean(q.enabled()),
                    limit(p, "max_active_downloads", q.maxDownloads()), limit(p, "max_active_uploads", q.maxSeeds()),
                    limit(p, "max_active_torrents", q.maxActive()),
                    p.path("dont_count_slow_torrents").asBoolean(q.ignoreSlow()),
                    p.has("slow_torrent_dl_rate_threshold") ? Math.max(0, p.get("slow_torrent_dl_rate_threshold")
                            .asLong()) * 1024 : q.slowDownload(),
                    p.has("slow_torrent_ul_rate_threshold") ? Math.max(0, p.get("slow_torrent_ul_rate_threshold")
                            .asLong()) * 1024 : q.slowUpload(),
                    p.has("slow_torrent_inactive_timer") ? (int) Math.min(86_400, Math.max(0,
                            p.get("slow_torrent_inactive_timer").asLong())) : q.slowAfterSeconds());
            SeedGoals g = s.seedGoals();
            double ratio = goal(p, "max_ratio_enabled", "max_ratio", g.ratio(), 1.0);
            long seeding = (long) goal(p, "max_seeding_time_enabled", "max_seeding_time", g.seedingMinutes(), 1440);
            long idle = (long) goal(p, "max_inactive_seeding_time_enabled", "max_inactive_seeding_time",
                    g.idleMinutes(), 1440);
            SessionSettings n = s.withQueue(queue).withSeedGoals(new SeedGoals(ratio, seeding, idle))
                    .withRateLimits(p.has("dl_limit") ? Math.max(0, p.get("dl_limit").asLong()) : s.downloadLimit(),
                            p.has("up_limit") ? Math.max(0, p.get("up_limit").asLong()) : s.uploadLimit())
                    .withAltLimits(p.has("alt_dl_limit") ? Math.max(0, p.get("alt_dl_limit").asLong())
                                    : s.altDownloadLimit(),
                            p.has("alt_up_limit") ? Math.max(0, p.get("alt_up_limit").asLong())
                                    : s.altUploadLimit(), s.altSpeed());
            return f == null ? n : new SessionSettings(n.downloadLimit(), n.uploadLimit(), n.maxConnections(),
                    n.maxConcurrentChecks(), f, n.eventsIntervalMillis(), n.altDownloadLimit(), n.altUploadLimit(),
                    n.altSpeed(), n.logToFile(), n.setupDone(), n.queue(), n.seedGoals(), n.categories(), n.tags());
        }).handle((s, e) -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                throw QbReply.error(400, String.valueOf(c.getMessage()));
            }
            return QbReply.EMPTY;
        });
    }

    private static int limit(JsonNode p, String key, int otherwise) {
        return p.has(key) ? (int) Math.max(-1, Math.min(QueueSettings.MAX_LIMIT, p.get(key).asLong())) : otherwise;
    }

    /**
     * A share limit: its switch off → none; switched on without a value → the last one, else qBittorrent's default
     * ({@code fallback}: ratio 1, 1440 minutes); a value below 0 → none.
     */
    private static double goal(JsonNode p, String enabled, String value, double before, double fallback) {
        boolean on = p.has(enabled) ? p.get(enabled).asBoolean() : before >= 0;
        double v = p.has(value) ? p.get(value).asDouble() : before >= 0 ? before : fallback;
        return on && v >= 0 ? v : SeedGoals.NONE;
    }

    Map<String, Object> transferInfo(SessionStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connection_status", s.incomingPeers() > 0 ? "connected" : s.peersConnected() > 0 ? "firewalled"
                : "disconnected");
        m.put("dht_nodes", torrents.dhtNodes());
        m.put("dl_info_data", s.downloadedTotal());
        m.put("dl_info_speed", s.downloadRate());
        m.put("dl_rate_limit", s.downloadLimit());
        m.put("up_info_data", s.uploadedTotal());
        m.put("up_info_speed", s.uploadRate());
        m.put("up_rate_limit", s.uploadLimit());
        return m;
    }
}
