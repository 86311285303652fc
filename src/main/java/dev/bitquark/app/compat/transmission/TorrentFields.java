package dev.bitquark.app.compat.transmission;

import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.tracker.TrackerStatus;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code torrent-get} fields of Transmission's RPC (legacy spelling, rpc-version 17) from one torrent's stats:
 * a pure mapping. Counts, sizes, ids and times are JSON integers (transmission-remote 3.00 drops a row whose
 * integer field is a real); ratios and fractions are doubles. Unknown fields are left out, as Transmission does.
 * Statuses ({@code tr_torrent_activity}): 0 stopped, 1 queued to verify, 2 verifying, 3 queued to download,
 * 4 downloading, 5 queued to seed, 6 seeding.
 */
final class TorrentFields {
    /** Fields that need a part of the torrent besides its stats. */
    static final Set<String> FILE_FIELDS = Set.of("files", "fileStats", "wanted", "priorities");
    static final Set<String> TRACKER_FIELDS = Set.of("trackers", "trackerStats", "trackerList");
    static final Set<String> PEER_FIELDS = Set.of("peers", "peersFrom", "peersGettingFromUs", "peersSendingToUs");
    static final Set<String> PIECE_FIELDS = Set.of("pieces");

    /** eta: not available (Transmission's {@code TR_ETA_NOT_AVAIL}) and unknown ({@code TR_ETA_UNKNOWN}). */
    static final int ETA_NOT_AVAILABLE = -1;
    static final int ETA_UNKNOWN = -2;

    private TorrentFields() {
    }

    /** Everything the mapping needs about one torrent. */
    record Torrent(int id, TorrentStats s, Metainfo meta, EngineSnapshot.Details details, String magnet) {
    }

    static int status(TorrentStats s) {
        return switch (s.state()) {
            case PAUSED, ERROR -> 0;
            case CHECKING -> s.checkedFraction() == 0 && s.checkedPieces() == 0 ? 1 : 2;
            case QUEUED -> s.finished() ? 5 : 3;
            case METADATA -> 4;
            case LIVE -> s.finished() ? 6 : 4;
        };
    }

    /** The field's value, or null if it is not one of Transmission's (it is then left out). */
    static Object value(String field, Torrent t) {
        TorrentStats s = t.s();
        long left = Math.max(0, s.wantedBytes() - s.verifiedBytes());
        long now = System.currentTimeMillis() / 1000;
        return switch (field) {
            case "id" -> t.id();
            case "hashString" -> s.infoHash().toHex();
            case "name" -> s.name();
            case "status" -> status(s);
            case "error" -> s.state() == TorrentState.ERROR ? 3 : 0;
            case "errorString" -> s.state() == TorrentState.ERROR && s.error() != null ? s.error() : "";
            case "totalSize" -> s.totalBytes();
            case "sizeWhenDone" -> s.wantedBytes();
            case "leftUntilDone" -> left;
            case "haveValid" -> s.verifiedBytes();
            case "haveUnchecked" -> 0;
            case "desiredAvailable" -> s.state() == TorrentState.LIVE && s.seedsConnected() > 0 ? left : 0L;
            case "corruptEver" -> s.wastedTotal();
            case "downloadedEver" -> s.downloadedTotal();
            case "uploadedEver" -> s.uploadedTotal();
            case "percentDone" -> s.progress();
            case "percentComplete" -> s.totalBytes() == 0 ? 0.0 : (double) s.haveBytes() / s.totalBytes();
            case "metadataPercentComplete" -> s.pieceCount() > 0 ? 1.0 : 0.0;
            case "recheckProgress" -> s.state() == TorrentState.CHECKING ? s.checkedFraction() : 0.0;
            case "rateDownload" -> s.downloadRate();
            case "rateUpload" -> s.uploadRate();
            case "eta" -> eta(s);
            case "etaIdle" -> ETA_NOT_AVAILABLE;
            case "uploadRatio" -> ratio(s);
            case "isFinished" -> s.state() == TorrentState.PAUSED && s.finished() && s.goalReached() != null;
            case "isStalled" -> s.state() == TorrentState.LIVE && s.downloadRate() == 0 && s.uploadRate() == 0;
            case "isPrivate" -> t.meta() != null && t.meta().isPrivate();
            case "addedDate" -> s.addedAtMillis() / 1000;
            case "doneDate" -> Math.max(0, s.completedAtMillis() / 1000);
            case "startDate" -> s.state() == TorrentState.LIVE ? s.addedAtMillis() / 1000 : 0L;
            case "activityDate", "editDate" -> s.times().lastActivityMillis() / 1000;
            case "dateCreated" -> t.meta() == null ? 0L
                    : t.meta().creationDate().map(java.time.Instant::getEpochSecond).orElse(0L);
            case "secondsDownloading" -> s.times().downloadingSeconds();
            case "secondsSeeding" -> s.times().seedingSeconds();
            case "comment" -> t.meta() == null ? "" : t.meta().comment().orElse("");
            case "creator" -> t.meta() == null ? "" : t.meta().createdBy().orElse("");
            case "magnetLink" -> t.magnet();
            case "pieceCount" -> s.pieceCount();
            case "pieceSize" -> t.meta() == null ? 0 : t.meta().pieceLength();
            case "file-count" -> t.meta() == null ? 0 : t.meta().files().size();
            case "primary-mime-type" -> "application/octet-stream";
            case "downloadDir" -> s.saveDir();
            case "labels" -> labels(s);
            case "group" -> "";
            case "queuePosition" -> s.queuePosition();
            case "bandwidthPriority" -> 0;
            case "honorsSessionLimits" -> true;
            case "peer-limit" -> s.maxConnections();
            case "downloadLimit" -> s.downloadLimit() / 1000;
            case "downloadLimited" -> s.downloadLimit() > 0;
            case "uploadLimit" -> s.uploadLimit() / 1000;
            case "uploadLimited" -> s.uploadLimit() > 0;
            case "seedRatioLimit" -> s.policy().goals().ratio() >= 0 ? s.policy().goals().ratio()
                    : Math.max(0, s.effectiveGoals().ratio());
            case "seedRatioMode" -> mode(s.policy().goals().ratio());
            case "seedIdleLimit" -> s.policy().goals().idleMinutes() >= 0 ? s.policy().goals().idleMinutes()
                    : Math.max(0, s.effectiveGoals().idleMinutes());
            case "seedIdleMode" -> mode(s.policy().goals().idleMinutes());
            case "peersConnected" -> s.peersConnected();
            case "peersGettingFromUs" -> t.details() != null && t.details().peers() != null
                    ? (int) t.details().peers().stream().filter(p -> p.uploadRate() > 0).count() : 0;
            case "peersSendingToUs" -> t.details() != null && t.details().peers() != null
                    ? (int) t.details().peers().stream().filter(p -> p.downloadRate() > 0).count() : 0;
            case "webseedsSendingToUs" -> 0;
            case "maxConnectedPeers" -> s.maxConnections();
            case "sequentialDownload" -> s.sequential();
            case "peersFrom" -> peersFrom(s);
            case "files" -> files(t);
            case "fileStats" -> fileStats(t);
            case "wanted" -> t.details() == null || t.details().files() == null ? List.of()
                    : t.details().files().stream().map(f -> f.priority() == FilePriority.SKIP ? 0 : 1).toList();
            case "priorities" -> t.details() == null || t.details().files() == null ? List.of()
                    : t.details().files().stream().map(f -> priority(f.priority())).toList();
            case "trackers" -> trackers(t, false);
            case "trackerStats" -> trackers(t, true);
            case "trackerList" -> trackerList(t);
            case "peers" -> peers(t);
            case "pieces" -> t.details() == null || t.details().pieces() == null ? ""
                    : Base64.getEncoder().encodeToString(t.details().pieces().toBytes());
            case "webseeds" -> List.of();
            case "torrentFile" -> "";
            case "manualAnnounceTime" -> -1;
            case "availability" -> List.of();
            default -> null;
        };
    }

    /**
     * Transmission's {@code tr_getRatio(uploaded, downloaded or else had)}: -1 when there is nothing to measure
     * against and nothing uploaded, -2 (infinite) when there is nothing to measure against but uploads.
     */
    static double ratio(TorrentStats s) {
        long base = s.downloadedTotal() > 0 ? s.downloadedTotal() : s.verifiedBytes();
        if (base > 0) {
            return (double) s.uploadedTotal() / base;
        }
        return s.uploadedTotal() > 0 ? -2 : -1;
    }

    /** Seeding goal mode: 0 the session's, 1 the torrent's own, 2 unlimited. */
    private static int mode(double limit) {
        return limit == SeedGoals.SESSION ? 0 : limit == SeedGoals.NONE ? 2 : 1;
    }

    private static long eta(TorrentStats s) {
        if (s.state() != TorrentState.LIVE) {
            return ETA_NOT_AVAILABLE;
        }
        if (s.finished()) {
            return ETA_NOT_AVAILABLE;
        }
        return s.etaSeconds() >= 0 ? s.etaSeconds() : ETA_UNKNOWN;
    }

    /** The category first, then the tags: Sonarr finds its category among the labels. */
    static List<String> labels(TorrentStats s) {
        List<String> out = new ArrayList<>();
        if (s.policy().category() != null) {
            out.add(s.policy().category());
        }
        for (String tag : s.policy().tags()) {
            if (!out.contains(tag)) {
                out.add(tag);
            }
        }
        return out;
    }

    /** Transmission's file priorities: -1 low, 0 normal, 1 high (skipped files keep normal and are unwanted). */
    static int priority(FilePriority p) {
        return switch (p) {
            case LOW -> -1;
            case HIGH -> 1;
            case NORMAL, SKIP -> 0;
        };
    }

    private static Map<String, Object> peersFrom(TorrentStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<PeerOrigin, Integer> by = s.peersBySource();
        m.put("fromCache", by.getOrDefault(PeerOrigin.SAVED, 0));
        m.put("fromDht", by.getOrDefault(PeerOrigin.DHT, 0));
        m.put("fromIncoming", by.getOrDefault(PeerOrigin.INCOMING, 0));
        m.put("fromLpd", by.getOrDefault(PeerOrigin.LSD, 0));
        m.put("fromLtep", 0);
        m.put("fromPex", by.getOrDefault(PeerOrigin.PEX, 0));
        m.put("fromTracker", by.getOrDefault(PeerOrigin.TRACKER, 0));
        return m;
    }

    /** Names relative to the download folder: the torrent's own folder first for a multi-file torrent. */
    private static List<Map<String, Object>> files(Torrent t) {
        if (t.details() == null || t.details().files() == null) {
            return List.of();
        }
        boolean multi = t.meta() != null && t.meta().isMultiFile();
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileStats f : t.details().files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bytesCompleted", f.verifiedBytes());
            m.put("length", f.size());
            m.put("name", multi ? t.s().contentName() + "/" + f.path() : f.path());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> fileStats(Torrent t) {
        if (t.details() == null || t.details().files() == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileStats f : t.details().files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bytesCompleted", f.verifiedBytes());
            m.put("priority", priority(f.priority()));
            m.put("wanted", f.priority() != FilePriority.SKIP);
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> trackers(Torrent t, boolean stats) {
        if (t.details() == null || t.details().trackers() == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int id = 0;
        for (TrackerStatus tr : t.details().trackers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("announce", tr.url());
            m.put("id", id++);
            m.put("scrape", "");
            m.put("sitename", host(tr.url()));
            m.put("tier", tr.tier());
            if (stats) {
                boolean ok = tr.lastResult() == TrackerStatus.Result.OK;
                m.put("announceState", tr.lastResult() == TrackerStatus.Result.UPDATING ? 3 : 1);
                m.put("downloadCount", -1);
                m.put("hasAnnounced", tr.lastAnnounce() != null);
                m.put("hasScraped", false);
                m.put("host", host(tr.url()));
                m.put("isBackup", false);
                m.put("lastAnnouncePeerCount", tr.peers());
                m.put("lastAnnounceResult", tr.message() != null ? tr.message() : ok ? "Success" : "");
                m.put("lastAnnounceStartTime", tr.lastAnnounce() == null ? 0 : tr.lastAnnounce().getEpochSecond());
                m.put("lastAnnounceSucceeded", ok);
                m.put("lastAnnounceTime", tr.lastAnnounce() == null ? 0 : tr.lastAnnounce().getEpochSecond());
                m.put("lastAnnounceTimedOut", false);
                m.put("lastScrapeResult", "");
                m.put("lastScrapeStartTime", 0);
                m.put("lastScrapeSucceeded", false);
                m.put("lastScrapeTime", 0);
                m.put("lastScrapeTimedOut", false);
                m.put("leecherCount", tr.leechers());
                m.put("nextAnnounceTime", tr.nextAnnounce() == null ? 0 : tr.nextAnnounce().getEpochSecond());
                m.put("nextScrapeTime", 0);
                m.put("scrapeState", 0);
                m.put("seederCount", tr.seeders());
            }
            out.add(m);
        }
        return out;
    }

    /** Tiers separated by a blank line, one URL a line (Transmission 4's {@code trackerList}). */
    private static String trackerList(Torrent t) {
        if (t.details() == null || t.details().trackers() == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int tier = -1;
        for (TrackerStatus tr : t.details().trackers()) {
            if (tier >= 0 && tr.tier() != tier) {
                b.append('\n');
            }
            tier = tr.tier();
            b.append(tr.url()).append('\n');
        }
        return b.toString();
    }

    private static List<Map<String, Object>> peers(Torrent t) {
        if (t.details() == null || t.details().peers() == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (PeerStats p : t.details().peers()) {
            int colon = p.address().lastIndexOf(':');
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", colon < 0 ? p.address() : p.address().substring(0, colon));
            m.put("clientIsChoked", p.amChoking());
            m.put("clientIsInterested", p.amInterested());
            m.put("clientName", p.client() == null ? "" : p.client());
            m.put("flagStr", flags(p));
            m.put("isDownloadingFrom", p.downloadRate() > 0);
            m.put("isEncrypted", false);
            m.put("isIncoming", !p.outgoing());
            m.put("isUTP", false);
            m.put("isUploadingTo", p.uploadRate() > 0);
            m.put("peerIsChoked", p.peerChoking());
            m.put("peerIsInterested", p.peerInterested());
            m.put("port", colon < 0 ? 0 : Integer.parseInt(p.address().substring(colon + 1)));
            m.put("progress", p.progress());
            m.put("rateToClient", p.downloadRate());
            m.put("rateToPeer", p.uploadRate());
            out.add(m);
        }
        return out;
    }

    /** Transmission's peer flags: D/d downloading or interested, U/u uploading or interested, I incoming. */
    private static String flags(PeerStats p) {
        StringBuilder b = new StringBuilder();
        if (p.downloadRate() > 0) {
            b.append('D');
        } else if (p.amInterested()) {
            b.append('d');
        }
        if (p.uploadRate() > 0) {
            b.append('U');
        } else if (p.peerInterested()) {
            b.append('u');
        }
        if (!p.outgoing()) {
            b.append('I');
        }
        return b.toString();
    }

    private static String host(String url) {
        try {
            String h = java.net.URI.create(url).getHost();
            return h == null ? "" : h;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
