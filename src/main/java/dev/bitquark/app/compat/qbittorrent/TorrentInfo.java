package dev.bitquark.app.compat.qbittorrent;

import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One torrent as qBittorrent's {@code torrents/info} and {@code sync/maindata} show it (its
 * {@code serialize_torrent.cpp}), from the engine's stats: a pure mapping, in the persona's spelling (qBittorrent
 * 5.1: {@code stoppedUP}/{@code stoppedDL}). Sizes and times are integers, rates bytes/s, limits -1 when none,
 * {@code eta} 8640000 when unknown, share limits -2 (the session's) / -1 (none) / a value ({@code
 * seeding_time_limit} in minutes, {@code seeding_time} in seconds, as qBittorrent has them).
 */
final class TorrentInfo {
    /** qBittorrent's "infinite" ETA. */
    static final long ETA_INFINITY = 8_640_000;

    private TorrentInfo() {
    }

    /** What the mapping needs besides the stats. */
    record Context(String magnet, String firstTracker, int trackers, boolean privateTorrent, int queueRank,
                   boolean queueing, String comment) {
    }

    static String state(TorrentStats s) {
        boolean forced = s.policy().forced();
        boolean done = s.finished();
        return switch (s.state()) {
            case ERROR -> "error";
            case PAUSED -> done ? "stoppedUP" : "stoppedDL";
            case QUEUED -> done ? "queuedUP" : "queuedDL";
            case CHECKING -> done ? "checkingUP" : "checkingDL";
            case METADATA -> forced ? "forcedMetaDL" : "metaDL";
            case LIVE -> done
                    ? forced ? "forcedUP" : s.uploadRate() > 0 ? "uploading" : "stalledUP"
                    : forced ? "forcedDL" : s.downloadRate() > 0 ? "downloading" : "stalledDL";
        };
    }

    /** The save folder and where the content is: the file of a single-file torrent, the folder of a multi-file one. */
    static String contentPath(TorrentStats s) {
        return Path.of(s.saveDir()).resolve(s.contentName()).toString();
    }

    static double ratio(TorrentStats s) {
        double r = s.shareRatio();
        return r >= 9999 ? -1 : r;
    }

    static Map<String, Object> of(TorrentStats s, Context c) {
        SeedGoals own = s.policy().goals();
        SeedGoals eff = s.effectiveGoals();
        long left = Math.max(0, s.wantedBytes() - s.verifiedBytes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added_on", s.addedAtMillis() / 1000);
        m.put("amount_left", left);
        m.put("auto_tmm", false);
        m.put("availability", s.state() == TorrentState.LIVE && s.seedsConnected() > 0 ? 1.0 : s.progress());
        m.put("category", s.policy().category() == null ? "" : s.policy().category());
        m.put("comment", c.comment());
        m.put("completed", s.verifiedBytes());
        m.put("completion_on", s.completedAtMillis() > 0 ? s.completedAtMillis() / 1000 : -1);
        m.put("content_path", contentPath(s));
        m.put("dl_limit", s.downloadLimit() > 0 ? s.downloadLimit() : -1);
        m.put("dlspeed", s.downloadRate());
        m.put("download_path", "");
        m.put("downloaded", s.downloadedTotal());
        m.put("downloaded_session", s.downloadedTotal());
        m.put("eta", eta(s));
        m.put("f_l_piece_prio", s.policy().firstLastPieces());
        m.put("force_start", s.policy().forced());
        m.put("has_metadata", s.pieceCount() > 0);
        m.put("hash", s.infoHash().toHex());
        m.put("inactive_seeding_time_limit", own.idleMinutes());
        m.put("infohash_v1", s.infoHash().toHex());
        m.put("infohash_v2", "");
        m.put("last_activity", s.times().lastActivityMillis() / 1000);
        m.put("magnet_uri", c.magnet());
        m.put("max_inactive_seeding_time", eff.idleMinutes());
        m.put("max_ratio", eff.ratio());
        m.put("max_seeding_time", eff.seedingMinutes());
        m.put("name", s.name());
        m.put("num_complete", s.seedsConnected());
        m.put("num_incomplete", Math.max(0, s.peersConnected() - s.seedsConnected()));
        m.put("num_leechs", Math.max(0, s.peersConnected() - s.seedsConnected()));
        m.put("num_seeds", s.seedsConnected());
        m.put("popularity", 0.0);
        m.put("priority", c.queueing() && !s.finished() ? c.queueRank() + 1 : 0);
        m.put("private", c.privateTorrent());
        m.put("progress", s.progress());
        m.put("ratio", ratio(s));
        m.put("ratio_limit", own.ratio());
        m.put("reannounce", 0);
        m.put("root_path", contentPath(s));
        m.put("save_path", s.saveDir());
        m.put("seeding_time", s.times().seedingSeconds());
        m.put("seeding_time_limit", own.seedingMinutes());
        m.put("seen_complete", s.completedAtMillis() > 0 ? s.completedAtMillis() / 1000 : 0);
        m.put("seq_dl", s.sequential());
        m.put("size", s.wantedBytes());
        m.put("state", state(s));
        m.put("super_seeding", false);
        m.put("tags", String.join(", ", s.policy().tags()));
        m.put("time_active", s.times().downloadingSeconds() + s.times().seedingSeconds());
        m.put("total_size", s.totalBytes());
        m.put("tracker", c.firstTracker());
        m.put("trackers_count", c.trackers());
        m.put("up_limit", s.uploadLimit() > 0 ? s.uploadLimit() : -1);
        m.put("uploaded", s.uploadedTotal());
        m.put("uploaded_session", s.uploadedTotal());
        m.put("upspeed", s.uploadRate());
        return m;
    }

    static long eta(TorrentStats s) {
        if (s.state() == TorrentState.LIVE && !s.finished() && s.etaSeconds() >= 0) {
            return s.etaSeconds();
        }
        return ETA_INFINITY;
    }

    /** {@code tags} param: comma-separated, trimmed, empty ones left out. */
    static java.util.List<String> tags(String csv) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (csv == null) {
            return out;
        }
        for (String t : csv.split(",")) {
            if (!t.isBlank()) {
                out.add(TorrentPolicy.checkTag(t));
            }
        }
        return out;
    }
}
