package dev.bitquark.app.compat.qbittorrent;

import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sync/torrentPeers} (qBittorrent's {@code synccontroller.cpp}): one torrent's connected peers keyed by
 * {@code ip:port}, with the same {@code rid} protocol as {@code sync/maindata}: a client that sends back the number
 * it was last given for that torrent gets only the peers that changed (their changed keys) and
 * {@code peers_removed}; any other number gets every peer with {@code full_update: true}. VueTorrent's and
 * qBittorrent's own peers tab poll it. At most {@value #MAX_KEPT} (session, torrent) pairs are remembered.
 * Thread-safe.
 */
final class QbPeers {
    static final int MAX_KEPT = 64;

    private record Sent(int rid, Map<String, Map<String, Object>> peers) {
    }

    private final Map<String, Sent> sent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > MAX_KEPT;
        }
    };

    /** The answer to {@code rid} for {@code session} following torrent {@code hash}, whose peers are {@code now}. */
    synchronized Map<String, Object> answer(String session, String hash, long rid, List<PeerStats> now) {
        Map<String, Map<String, Object>> peers = new LinkedHashMap<>();
        for (PeerStats p : now) {
            peers.put(p.address(), peer(p));
        }
        String key = session + " " + hash;
        Sent before = sent.get(key);
        int next = before == null ? 1 : before.rid() % 1_000_000 + 1;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rid", next);
        out.put("show_flags", true);
        if (before == null || rid == 0 || rid != before.rid()) {
            out.put("full_update", true);
            out.put("peers", peers);
        } else {
            Map<String, Object> changed = new LinkedHashMap<>();
            peers.forEach((address, p) -> {
                Map<String, Object> old = before.peers().get(address);
                Map<String, Object> diff = new LinkedHashMap<>();
                p.forEach((k, v) -> {
                    if (old == null || !Objects.equals(old.get(k), v)) {
                        diff.put(k, v);
                    }
                });
                if (!diff.isEmpty()) {
                    changed.put(address, diff);
                }
            });
            if (!changed.isEmpty()) {
                out.put("peers", changed);
            }
            List<String> removed = new ArrayList<>();
            for (String address : before.peers().keySet()) {
                if (!peers.containsKey(address)) {
                    removed.add(address);
                }
            }
            if (!removed.isEmpty()) {
                out.put("peers_removed", removed);
            }
        }
        sent.put(key, new Sent(next, peers));
        return out;
    }

    /** One peer as qBittorrent describes it. No GeoIP database here: the country is empty. */
    static Map<String, Object> peer(PeerStats p) {
        int colon = p.address().lastIndexOf(':');
        String ip = p.address().substring(0, colon);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", p.client() == null ? "" : p.client());
        m.put("connection", "BT");
        m.put("country", "");
        m.put("country_code", "");
        m.put("dl_speed", p.downloadRate());
        m.put("downloaded", p.downloadedTotal());
        m.put("files", "");
        List<String[]> flags = flags(p);
        m.put("flags", String.join(" ", flags.stream().map(f -> f[0]).toList()));
        m.put("flags_desc", String.join("\n", flags.stream().map(f -> f[0] + " = " + f[1]).toList()));
        m.put("ip", ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip);
        m.put("peer_id_client", p.client() == null ? "" : p.client());
        m.put("port", Integer.parseInt(p.address().substring(colon + 1)));
        m.put("progress", p.progress());
        // qBittorrent's relevance is the share of the pieces we miss that the peer has; the engine reports the
        // peer's share of all pieces, the same for a seed or while we download from scratch.
        m.put("relevance", p.progress());
        m.put("up_speed", p.uploadRate());
        m.put("uploaded", p.uploadedTotal());
        return m;
    }

    /** qBittorrent's peer flags ({@code peerinfo.cpp}), each with its description. */
    static List<String[]> flags(PeerStats p) {
        List<String[]> f = new ArrayList<>();
        if (p.amInterested()) {
            f.add(p.peerChoking() ? new String[] {"d", "Our client wants to download, but peer doesn't want to send"}
                    : new String[] {"D", "Currently downloading (interested and not choked)"});
        }
        if (p.peerInterested()) {
            f.add(p.amChoking() ? new String[] {"u", "Peer wants to download, but we don't want to send"}
                    : new String[] {"U", "Currently uploading (interested and not choked)"});
        }
        if (!p.amInterested() && !p.peerChoking()) {
            f.add(new String[] {"K", "Peer is unchoking your client, but your client is not interested"});
        }
        if (!p.peerInterested() && !p.amChoking()) {
            f.add(new String[] {"?", "Your client unchoked the peer but the peer is not interested"});
        }
        if (p.snubbed()) {
            f.add(new String[] {"S", "Peer is snubbed"});
        }
        if (!p.outgoing()) {
            f.add(new String[] {"I", "Incoming connection"});
        }
        if (p.source() == PeerOrigin.DHT) {
            f.add(new String[] {"H", "Peer from DHT"});
        } else if (p.source() == PeerOrigin.PEX) {
            f.add(new String[] {"X", "Peer from PEX"});
        } else if (p.source() == PeerOrigin.LSD) {
            f.add(new String[] {"L", "Peer from LSD"});
        }
        return f;
    }
}
