package dev.bitquark.app.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.SessionStats;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshot and update frames built from engine snapshots: only what changed goes out. */
class EventFramesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final EventFrames frames = new EventFrames(JSON);

    static InfoHash hash(int n) {
        byte[] b = new byte[20];
        b[19] = (byte) n;
        return InfoHash.of(b);
    }

    static TorrentStats torrent(int n, String name, TorrentState state, long downloadRate) {
        return new TorrentStats(hash(n), name, state, null, false, 1000, 1000, 500, 500, 4, 2, 1.0, downloadRate, 0,
                500, 0, 0, 1, 3, 0, -1, false, 4, "/downloads", 0, 0, false, 1_700_000_000_000L, 0, 50);
    }

    static SessionStats session(int torrents, long downloadRate) {
        return new SessionStats(torrents, 0, torrents, 0, 0, 0, downloadRate, 0, 0, 0, 0, 0, 0, 0, 200, 2, 0, 0, 0, 0, 0, 0);
    }

    EventFrames.Sample sample(long seq, SessionStats s, TorrentStats... torrents) {
        return frames.sample(seq, new EngineSnapshot(s, List.of(torrents), Map.of()));
    }

    static java.util.Set<String> components(Class<? extends Record> type) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    static java.util.Set<String> fields(JsonNode node) {
        return new java.util.TreeSet<>(fieldNames(node));
    }

    /** The frames written are exactly the records of {@link Frames}, the schemas /q/openapi publishes. */
    @Test
    void everyFrameHasTheShapeOfItsPublishedSchema() throws Exception {
        PeerStats peer = new PeerStats("127.0.0.1:6881", "qBittorrent 5", true, false, true, false, false, true, false,
                10, 0, 100, 0, 2, 0, 1.0, 5000);
        EventFrames.Sample before = sample(1, session(1, 0), torrent(1, "a", TorrentState.LIVE, 0));
        EventFrames.Sample after = frames.sample(2, new EngineSnapshot(session(2, 3),
                List.of(torrent(1, "a", TorrentState.PAUSED, 0), torrent(2, "b", TorrentState.LIVE, 0)),
                Map.of(hash(1), List.of(peer))));
        JsonNode snapshot = JSON.readTree(frames.snapshot(after));
        assertEquals(components(Frames.Snapshot.class), fields(snapshot));
        assertEquals(components(dev.bitquark.app.api.TorrentDto.class), fields(snapshot.get("torrents").get(0)));
        assertEquals(components(dev.bitquark.app.api.SessionStatsDto.class), fields(snapshot.get("session")));
        JsonNode update = JSON.readTree(frames.update(before, after));
        assertEquals(components(Frames.Update.class), fields(update));
        assertEquals(components(dev.bitquark.app.api.TorrentDto.class), fields(update.get("added").get(0)));
        JsonNode peers = JSON.readTree(frames.peers(hash(1).toHex(), after.peers().get(hash(1).toHex())));
        assertEquals(components(Frames.Peers.class), fields(peers));
        assertEquals(components(dev.bitquark.app.api.PeerDto.class), fields(peers.get("peers").get(0)));
        assertEquals(components(Frames.Heartbeat.class), fields(JSON.readTree(frames.heartbeat())));
        assertEquals(components(Frames.Error.class), fields(JSON.readTree(frames.error("bad_json", "x"))));
        assertEquals(components(Frames.Hello.class), fields(JSON.readTree(frames.write(Frames.Hello.of("1")))));
    }

    @Test
    void aFrameGetsItsConnectionsSequenceNumberAndOnlyASequencedFrameDoes() {
        assertEquals("{\"type\":\"heartbeat\",\"seq\":42}", EventFrames.withSeq(frames.heartbeat(), 42));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EventFrames.withSeq(frames.error("x", "y"), 1));
    }

    @Test
    void snapshotListsEveryTorrentSortedByNameAndTheSession() throws Exception {
        EventFrames.Sample s = sample(1, session(2, 7), torrent(1, "zeta", TorrentState.LIVE, 0),
                torrent(2, "alpha", TorrentState.PAUSED, 0));
        JsonNode frame = JSON.readTree(frames.snapshot(s));
        assertEquals("snapshot", frame.get("type").asText());
        assertEquals(List.of("alpha", "zeta"), names(frame.get("torrents")));
        assertEquals(hash(2).toHex(), frame.get("torrents").get(0).get("id").asText());
        assertEquals("paused", frame.get("torrents").get(0).get("state").asText());
        assertEquals(7, frame.get("session").get("downloadRate").asLong());
        assertEquals(2, frame.get("session").get("torrents").asInt());
    }

    @Test
    void updateCarriesOnlyTheFieldsThatChangedWithTheId() throws Exception {
        EventFrames.Sample before = sample(1, session(2, 0), torrent(1, "a", TorrentState.LIVE, 0),
                torrent(2, "b", TorrentState.LIVE, 0));
        EventFrames.Sample after = sample(2, session(2, 0), torrent(1, "a", TorrentState.PAUSED, 0),
                torrent(2, "b", TorrentState.LIVE, 0));
        JsonNode frame = JSON.readTree(frames.update(before, after));
        assertEquals("update", frame.get("type").asText());
        assertEquals(1, frame.get("torrents").size(), "the unchanged torrent is not sent");
        JsonNode changed = frame.get("torrents").get(0);
        assertEquals(List.of("id", "state"), fieldNames(changed));
        assertEquals(hash(1).toHex(), changed.get("id").asText());
        assertEquals("paused", changed.get("state").asText());
        assertEquals(0, frame.get("added").size());
        assertEquals(0, frame.get("removed").size());
        assertEquals(0, frame.get("session").size(), "the session did not change");
    }

    @Test
    void updateListsAddedTorrentsWholeAndRemovedOnesById() throws Exception {
        EventFrames.Sample before = sample(1, session(1, 0), torrent(1, "a", TorrentState.LIVE, 0));
        EventFrames.Sample after = sample(2, session(1, 5), torrent(2, "b", TorrentState.CHECKING, 0));
        JsonNode frame = JSON.readTree(frames.update(before, after));
        assertEquals(0, frame.get("torrents").size());
        assertEquals(hash(2).toHex(), frame.get("added").get(0).get("id").asText());
        assertEquals("checking", frame.get("added").get(0).get("state").asText());
        assertEquals(dev.bitquark.app.api.TorrentDto.class.getRecordComponents().length, frame.get("added").get(0).size(),
                "a whole item, as GET /api/v1/torrents lists it");
        assertEquals(hash(1).toHex(), frame.get("removed").get(0).asText());
        assertEquals(List.of("downloadRate"), fieldNames(frame.get("session")));
    }

    @Test
    void nothingIsSentWhenNothingChanged() {
        EventFrames.Sample before = sample(1, session(1, 3), torrent(1, "a", TorrentState.LIVE, 9));
        EventFrames.Sample after = sample(2, session(1, 3), torrent(1, "a", TorrentState.LIVE, 9));
        assertNull(frames.update(before, after));
    }

    @Test
    void peersFrameNamesTheTorrentAndListsItsConnections() throws Exception {
        PeerStats p = new PeerStats("127.0.0.1:6881", "lt 2.0", true, false, true, false, false, true, false, 100, 0,
                1000, 0, 4, 0, 1.0, 5000);
        EventFrames.Sample s = frames.sample(1, new EngineSnapshot(session(1, 0),
                List.of(torrent(1, "a", TorrentState.LIVE, 0)), Map.of(hash(1), List.of(p))));
        JsonNode frame = JSON.readTree(frames.peers(hash(1).toHex(), s.peers().get(hash(1).toHex())));
        assertEquals("peers", frame.get("type").asText());
        assertEquals(hash(1).toHex(), frame.get("torrent").asText());
        assertEquals("127.0.0.1:6881", frame.get("peers").get(0).get("address").asText());
        assertEquals(100, frame.get("peers").get(0).get("downloadRate").asLong());
    }

    static List<String> names(JsonNode torrents) {
        List<String> out = new ArrayList<>();
        torrents.forEach(t -> out.add(t.get("name").asText()));
        return out;
    }

    static List<String> fieldNames(JsonNode o) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
