package dev.bitquark.app.compat.qbittorrent;

import dev.bitquark.app.compat.CompatTorrents;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.tracker.TrackerStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * qBittorrent's reads of one torrent: {@code torrents/properties}, {@code files} (names relative to the save folder,
 * the torrent's own folder first, as qBittorrent lists them), {@code trackers} (with its DHT, PeX and LSD rows) and
 * {@code pieceStates}. An unknown hash is a 404.
 */
final class QbTorrentDetails {
    private final CompatTorrents torrents;

    QbTorrentDetails(CompatTorrents torrents) {
        this.torrents = torrents;
    }

    /** The torrent {@code hash} names; 404 "Torrent hash was not found" as qBittorrent answers. */
    static TorrentHandle one(CompatTorrents torrents, QbRequest r) {
        InfoHash h = CompatTorrents.parseHash(r.param("hash"));
        TorrentHandle t = h == null ? null : torrents.handle(h);
        if (t == null) {
            throw QbReply.error(404, "Torrent hash was not found");
        }
        return t;
    }

    CompletionStage<QbReply> properties(QbRequest r) {
        TorrentHandle h = one(torrents, r);
        Map<InfoHash, Set<EngineSnapshot.Part>> parts = Map.of(h.infoHash(),
                EnumSet.of(EngineSnapshot.Part.PEERS, EngineSnapshot.Part.TRACKERS));
        return torrents.snapshot(parts).thenApply(s -> {
            TorrentStats t = s.torrents().stream().filter(x -> x.infoHash().equals(h.infoHash())).findFirst()
                    .orElseThrow(() -> QbReply.error(404, "Torrent hash was not found"));
            Metainfo meta = h.metainfo();
            long now = System.currentTimeMillis() / 1000;
            long active = t.times().downloadingSeconds() + t.times().seedingSeconds();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("addition_date", t.addedAtMillis() / 1000);
            m.put("comment", meta == null ? "" : meta.comment().orElse(""));
            m.put("completion_date", t.completedAtMillis() > 0 ? t.completedAtMillis() / 1000 : -1);
            m.put("created_by", meta == null ? "" : meta.createdBy().orElse(""));
            m.put("creation_date", meta == null ? -1 : meta.creationDate().map(java.time.Instant::getEpochSecond)
                    .orElse(-1L));
            m.put("dl_limit", t.downloadLimit() > 0 ? t.downloadLimit() : -1);
            m.put("dl_speed", t.downloadRate());
            m.put("dl_speed_avg", t.times().downloadingSeconds() > 0
                    ? t.downloadedTotal() / t.times().downloadingSeconds() : 0);
            m.put("download_path", "");
            m.put("eta", TorrentInfo.eta(t));
            m.put("hash", t.infoHash().toHex());
            m.put("infohash_v1", t.infoHash().toHex());
            m.put("infohash_v2", "");
            m.put("is_private", meta != null && meta.isPrivate());
            m.put("isPrivate", meta != null && meta.isPrivate());
            m.put("last_seen", t.completedAtMillis() > 0 ? now : -1);
            m.put("name", t.name());
            m.put("nb_connections", t.peersConnected());
            m.put("nb_connections_limit", t.maxConnections());
            m.put("peers", Math.max(0, t.peersConnected() - t.seedsConnected()));
            m.put("peers_total", Math.max(0, t.peersKnown() - t.seedsConnected()));
            m.put("piece_size", meta == null ? -1 : meta.pieceLength());
            m.put("pieces_have", t.havePieces());
            m.put("pieces_num", meta == null ? -1 : t.pieceCount());
            m.put("reannounce", 0);
            m.put("save_path", t.saveDir());
            m.put("seeding_time", t.times().seedingSeconds());
            m.put("seeds", t.seedsConnected());
            m.put("seeds_total", t.seedsConnected());
            m.put("share_ratio", TorrentInfo.ratio(t));
            m.put("time_elapsed", active);
            m.put("total_downloaded", t.downloadedTotal());
            m.put("total_downloaded_session", t.downloadedTotal());
            m.put("total_size", t.totalBytes());
            m.put("total_uploaded", t.uploadedTotal());
            m.put("total_uploaded_session", t.uploadedTotal());
            m.put("total_wasted", t.wastedTotal());
            m.put("up_limit", t.uploadLimit() > 0 ? t.uploadLimit() : -1);
            m.put("up_speed", t.uploadRate());
            m.put("up_speed_avg", active > 0 ? t.uploadedTotal() / active : 0);
            return QbReply.json(m);
        });
    }

    /** qBittorrent's file priorities: 0 skip, 1 normal, 6 high, 7 maximum (low shows as normal). */
    static int priority(FilePriority p) {
        return switch (p) {
            case SKIP -> 0;
            case LOW, NORMAL -> 1;
            case HIGH -> 6;
        };
    }

    CompletionStage<QbReply> files(QbRequest r) {
        TorrentHandle h = one(torrents, r);
        if (!h.hasMetadata()) {
            return CompletableFuture.completedFuture(QbReply.json(List.of()));
        }
        Metainfo meta = h.metainfo();
        Set<Integer> only = null;
        if (r.param("indexes") != null) {
            only = new java.util.HashSet<>();
            for (String i : r.param("indexes").split("\\|")) {
                try {
                    only.add(Integer.parseInt(i.strip()));
                } catch (NumberFormatException e) {
                    throw QbReply.error(400, "indexes must be numbers separated by |");
                }
            }
        }
        Set<Integer> chosen = only;
        return h.stats().toCompletionStage().thenCombine(h.fileStats().toCompletionStage(), (t, list) -> {
            List<Map<String, Object>> out = new ArrayList<>();
            long pieceLength = meta.pieceLength();
            for (FileStats f : list) {
                if (chosen != null && !chosen.contains(f.index())) {
                    continue;
                }
                var entry = meta.files().get(f.index());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("availability", f.progress());
                m.put("index", f.index());
                m.put("is_seed", f.progress() >= 1.0);
                m.put("name", meta.isMultiFile() ? t.contentName() + "/" + f.path() : f.path());
                long first = entry.offset() / pieceLength;
                long last = f.size() == 0 ? first : (entry.offset() + f.size() - 1) / pieceLength;
                m.put("piece_range", List.of(first, last));
                m.put("priority", priority(f.priority()));
                m.put("progress", f.progress());
                m.put("size", f.size());
                out.add(m);
            }
            return QbReply.json(out);
        });
    }

    CompletionStage<QbReply> trackers(QbRequest r) {
        TorrentHandle h = one(torrents, r);
        return h.trackers().toCompletionStage().thenCompose(list -> h.stats().toCompletionStage().thenApply(s -> {
            List<Map<String, Object>> out = new ArrayList<>();
            int dht = s.peersBySource().getOrDefault(dev.bitquark.engine.PeerOrigin.DHT, 0);
            int pex = s.peersBySource().getOrDefault(dev.bitquark.engine.PeerOrigin.PEX, 0);
            int lsd = s.peersBySource().getOrDefault(dev.bitquark.engine.PeerOrigin.LSD, 0);
            boolean priv = h.metainfo() != null && h.metainfo().isPrivate();
            out.add(pseudo("** [DHT] **", torrents.sessions().dhtEnabled() && !priv, dht));
            out.add(pseudo("** [PeX] **", torrents.sessions().pexEnabled() && !priv, pex));
            out.add(pseudo("** [LSD] **", torrents.sessions().lsdEnabled() && !priv, lsd));
            for (TrackerStatus t : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("msg", t.message() == null ? "" : t.message());
                m.put("num_downloaded", -1);
                m.put("num_leeches", t.leechers());
                m.put("num_peers", t.peers());
                m.put("num_seeds", t.seeders());
                m.put("status", switch (t.lastResult()) {
                    case NOT_CONTACTED -> 1;
                    case UPDATING -> 3;
                    case OK -> 2;
                    case ERROR -> 4;
                    case UNSUPPORTED -> 0;
                });
                m.put("tier", t.tier());
                m.put("url", t.url());
                out.add(m);
            }
            return QbReply.json(out);
        }));
    }

    private static Map<String, Object> pseudo(String url, boolean on, int peers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msg", on ? "" : "This torrent is private");
        m.put("num_downloaded", 0);
        m.put("num_leeches", 0);
        m.put("num_peers", peers);
        m.put("num_seeds", 0);
        m.put("status", on ? 2 : 0);
        m.put("tier", "");
        m.put("url", url);
        return m;
    }

    CompletionStage<QbReply> pieceStates(QbRequest r) {
        TorrentHandle h = one(torrents, r);
        return h.pieces().toCompletionStage().thenApply(b -> {
            List<Integer> out = new ArrayList<>(b.size());
            for (int i = 0; i < b.size(); i++) {
                out.add(b.get(i) ? 2 : 0);
            }
            return QbReply.json(out);
        });
    }
}
