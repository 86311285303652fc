package dev.bitquark.app.compat.qbittorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.PeerStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sync/torrentPeers}: qBittorrent's peer objects and flags, and the {@code rid} protocol per torrent. */
class QbPeersTest {
    private static PeerStats peer(String address, boolean amInterested, boolean peerChoking, long down,
                                  PeerOrigin source, boolean outgoing) {
        return new PeerStats(address, "libtorrent 2.0.8", outgoing, true, amInterested, peerChoking, false, true,
                false, down, 0, 5000, 0, 3, 0, 1.0, 10_000, source);
    }

    @Test
    void aPeerIsDescribedAsQbittorrentDoes() {
        Map<String, Object> m = QbPeers.peer(peer("10.0.0.7:6881", true, false, 2048, PeerOrigin.DHT, false));
        assertEquals("10.0.0.7", m.get("ip"));
        assertEquals(6881, m.get("port"));
        assertEquals("D I H", m.get("flags"), "downloading, incoming, from the DHT");
        assertTrue(((String) m.get("flags_desc")).startsWith("D = Currently downloading"));
        assertEquals(2048L, m.get("dl_speed"));
        assertEquals("BT", m.get("connection"));
        assertEquals(List.of("client", "connection", "country", "country_code", "dl_speed", "downloaded", "files",
                "flags", "flags_desc", "ip", "peer_id_client", "port", "progress", "relevance", "up_speed",
                "uploaded"), List.copyOf(m.keySet()));
        Map<String, Object> v6 = QbPeers.peer(peer("[::1]:51413", false, true, 0, PeerOrigin.TRACKER, true));
        assertEquals("::1", v6.get("ip"));
        assertEquals(51413, v6.get("port"));
        assertEquals("", v6.get("flags"), "choked, not interested, outgoing, from a tracker: no flag");
    }

    @Test
    void theRidProtocolSendsWhatChangedAndWhoLeft() {
        QbPeers sync = new QbPeers();
        PeerStats a = peer("10.0.0.1:1", true, false, 100, PeerOrigin.TRACKER, true);
        PeerStats b = peer("10.0.0.2:2", true, true, 0, PeerOrigin.PEX, true);
        Map<String, Object> first = sync.answer("s", "h", 0, List.of(a, b));
        assertEquals(true, first.get("full_update"));
        assertEquals(2, ((Map<?, ?>) first.get("peers")).size());
        int rid = (int) first.get("rid");

        PeerStats faster = peer("10.0.0.1:1", true, false, 900, PeerOrigin.TRACKER, true);
        Map<String, Object> second = sync.answer("s", "h", rid, List.of(faster));
        assertNull(second.get("full_update"));
        assertEquals(Map.of("10.0.0.1:1", Map.of("dl_speed", 900L)), second.get("peers"), "only what changed");
        assertEquals(List.of("10.0.0.2:2"), second.get("peers_removed"));

        Map<String, Object> quiet = sync.answer("s", "h", (int) second.get("rid"), List.of(faster));
        assertFalse(quiet.containsKey("peers"), "nothing changed, nothing sent");
        Map<String, Object> otherTorrent = sync.answer("s", "other", (int) quiet.get("rid"), List.of(a));
        assertEquals(true, otherTorrent.get("full_update"), "each torrent has its own numbers");
        Map<String, Object> stale = sync.answer("s", "h", 12345, List.of(faster));
        assertEquals(true, stale.get("full_update"), "an unknown rid gets everything");
    }
}
