package dev.bitquark.app.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.EngineSnapshot;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.SessionStats;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.tracker.TrackerStatus;
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
                500, 0, 0, 1, 3, 0, -1, false, 4, "/downloads", 0, 0, false, 1_700_000_000_000L, 0, 50, java.util.Map.of(), name);
    }

    static SessionStats session(int torrents, long downloadRate) {
        return new SessionStats(torrents, 0, torrents, 0, 0, 0, downloadRate, 0, 0, 0, 0, 0, 0, 0, 200, 2, 0, 0, 0, 0, 0, 0, 0, 0, false);
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
                10, 0, 100, 0, 2, 0, 1.0, 5000, dev.bitquark.engine.PeerOrigin.TRACKER);
        FileStats file = new FileStats(0, "dir/a.bin", 1000, 500, dev.bitquark.engine.FilePriority.NORMAL, false);
        TrackerStatus tracker = new TrackerStatus("http://127.0.0.1:6969/announce", 0, java.time.Instant.EPOCH,
                TrackerStatus.Result.OK, null, 3, java.time.Instant.EPOCH.plusSeconds(1800), 1, 2);
        Bitfield have = new Bitfield(4);
        have.set(0);
        have.set(1);
        EventFrames.Sample before = sample(1, session(1, 0), torrent(1, "a", TorrentState.LIVE, 0));
        EventFrames.Sample after = frames.sample(2, new EngineSnapshot(session(2, 3),
                List.of(torrent(1, "a", TorrentState.PAUSED, 0), torrent(2, "b", TorrentState.LIVE, 0)),
                Map.of(hash(1), new EngineSnapshot.Details(List.of(peer), List.of(file), List.of(tracker), have))));
        SpeedHistory history = new SpeedHistory();
        history.add(1_000, 5, 6);
        EventLog log = new EventLog(JSON);
        log.between(before.torrents(), after.torrents(), 2_000);
        JsonNode snapshot = JSON.readTree(frames.snapshot(after, 0, history.toJson(JSON), log.recent()));
        assertEquals(components(Frames.SpeedHistory.class), fields(snapshot.get("history")));
        assertEquals(components(Frames.EventEntry.class), fields(snapshot.get("events").get(0)));
        JsonNode event = JSON.readTree(frames.event((com.fasterxml.jackson.databind.node.ObjectNode) snapshot.get("events").get(0)));
        assertEquals(components(Frames.Event.class), fields(event));
        JsonNode files = JSON.readTree(frames.topic(after, hash(1).toHex(), EngineSnapshot.Part.FILES));
        assertEquals(components(Frames.Files.class), fields(files));
        assertEquals(components(dev.bitquark.app.api.FileDto.class), fields(files.get("files").get(0)));
        JsonNode trackers = JSON.readTree(frames.topic(after, hash(1).toHex(), EngineSnapshot.Part.TRACKERS));
        assertEquals(components(Frames.Trackers.class), fields(trackers));
        assertEquals(components(dev.bitquark.app.api.TrackerDto.class), fields(trackers.get("trackers").get(0)));
        JsonNode pieces = JSON.readTree(frames.topic(after, hash(1).toHex(), EngineSnapshot.Part.PIECES));
        assertEquals(components(Frames.Pieces.class), fields(pieces));
        assertEquals("wA==", pieces.get("have").asText(), "pieces 0 and 1 of 4: the BEP 3 bitfield 0b1100_0000");
        assertEquals(components(Frames.Snapshot.class), fields(snapshot));
        assertEquals(components(dev.bitquark.app.api.TorrentDto.class), fields(snapshot.get("torrents").get(0)));
        assertEquals(components(dev.bitquark.app.api.SessionStatsDto.class), fields(snapshot.get("session")));
        JsonNode update = JSON.readTree(frames.update(before, after));
        assertEquals(components(Frames.Update.class), fields(update));
        assertEquals(components(dev.bitquark.app.api.TorrentDto.class), fields(update.get("added").get(0)));
        JsonNode peers = JSON.readTree(frames.topic(after, hash(1).toHex(), EngineSnapshot.Part.PEERS));
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
        JsonNode frame = JSON.readTree(frames.snapshot(s, 0, new SpeedHistory().toJson(JSON), JSON.createArrayNode()));
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
                1000, 0, 4, 0, 1.0, 5000, dev.bitquark.engine.PeerOrigin.TRACKER);
        EventFrames.Sample s = frames.sample(1, new EngineSnapshot(session(1, 0),
                List.of(torrent(1, "a", TorrentState.LIVE, 0)),
                Map.of(hash(1), new EngineSnapshot.Details(List.of(p), null, null, null))));
        assertNull(frames.topic(s, hash(1).toHex(), EngineSnapshot.Part.FILES), "files were not sampled");
        JsonNode frame = JSON.readTree(frames.topic(s, hash(1).toHex(), EngineSnapshot.Part.PEERS));
        assertEquals("peers", frame.get("type").asText());
        assertEquals(hash(1).toHex(), frame.get("torrent").asText());
        assertEquals("127.0.0.1:6881", frame.get("peers").get(0).get("address").asText());
        assertEquals(100, frame.get("peers").get(0).get("downloadRate").asLong());
    }

    /** UI spec 1.3: events come from consecutive samples; none for the first one; the log keeps the last 100. */
    @Test
    void eventsAreReadOffConsecutiveSamplesAndTheLogKeepsTheLastHundred() {
        EventLog log = new EventLog(JSON);
        EventFrames.Sample first = sample(1, session(1, 0), torrent(1, "a", TorrentState.LIVE, 0));
        assertEquals(List.of(), log.between(null, first.torrents(), 1_000), "what was there at start is not news");
        TorrentStats done = new TorrentStats(hash(1), "a", TorrentState.LIVE, null, true, 1000, 1000, 1000, 1000, 4, 4,
                1.0, 0, 0, 1000, 0, 0, 1, 3, 0, 0, false, 4, "/downloads", 0, 0, false, 1_700_000_000_000L, 5, 50, java.util.Map.of(), "a");
        EventFrames.Sample second = sample(2, session(2, 0), done, torrent(2, "b", TorrentState.LIVE, 0));
        List<String> kinds = log.between(first.torrents(), second.torrents(), 2_000).stream()
                .map(e -> e.get("kind").asText()).toList();
        assertEquals(List.of("torrent.completed", "torrent.added"), kinds);
        TorrentStats failed = new TorrentStats(hash(2), "b", TorrentState.ERROR, "disk full", false, 1000, 1000, 0, 0, 4,
                0, 1.0, 0, 0, 0, 0, 0, 0, 0, 0, -1, false, 0, "/downloads", 0, 0, false, 1_700_000_000_000L, 0, 50, java.util.Map.of(), "b");
        EventFrames.Sample third = sample(3, session(1, 0), failed);
        List<com.fasterxml.jackson.databind.node.ObjectNode> last = log.between(second.torrents(), third.torrents(), 3_000);
        assertEquals("torrent.error", last.get(0).get("kind").asText());
        assertEquals("disk full", last.get(0).get("message").asText());
        assertEquals("torrent.removed", last.get(1).get("kind").asText());
        assertEquals(hash(1).toHex(), last.get(1).get("torrent").asText());
        assertEquals(4, last.get(1).get("id").asLong(), "ids count up across samples");
        assertEquals("1970-01-01T00:00:03Z", last.get(1).get("at").asText());
        for (int i = 0; i < 120; i++) {
            log.between(third.torrents(), Map.of(), 4_000 + i);
            log.between(Map.of(), third.torrents(), 4_000 + i);
        }
        assertEquals(EventLog.CAPACITY, log.recent().size());
        assertEquals(244, log.recent().get(EventLog.CAPACITY - 1).get("id").asLong(), "the newest kept, oldest dropped");
    }

    @Test
    void speedHistoryKeepsAboutOnePointASecondForTenMinutesOldestFirst() {
        SpeedHistory h = new SpeedHistory();
        assertEquals(true, h.add(10_000, 1, 2));
        assertEquals(false, h.add(10_500, 3, 4), "half a second later: same point");
        for (int i = 1; i <= 700; i++) {
            h.add(10_000 + i * 1_000L, i, 2L * i);
        }
        JsonNode json = h.toJson(JSON);
        assertEquals(SpeedHistory.CAPACITY, json.get("times").size());
        assertEquals(101, json.get("download").get(0).asLong(), "the oldest 101 points rolled off");
        assertEquals(1_400, json.get("upload").get(SpeedHistory.CAPACITY - 1).asLong());
        assertEquals(710_000, json.get("times").get(SpeedHistory.CAPACITY - 1).asLong());
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

    /** A torrent whose stats did not change keeps its node; a changed one gets a new node and its diff. */
    @Test
    void unchangedTorrentsKeepTheirNodeAndAreLeftOutOfTheUpdate() throws Exception {
        EventFrames.Sample first = sample(1, session(2, 0), torrent(1, "a", TorrentState.LIVE, 0),
                torrent(2, "b", TorrentState.LIVE, 0));
        EventFrames.Sample second = frames.sample(2, new EngineSnapshot(session(2, 0),
                List.of(torrent(1, "a", TorrentState.LIVE, 0), torrent(2, "b", TorrentState.LIVE, 7)), Map.of()), first);
        org.junit.jupiter.api.Assertions.assertSame(first.torrents().get(hash(1).toHex()),
                second.torrents().get(hash(1).toHex()));
        org.junit.jupiter.api.Assertions.assertNotSame(first.torrents().get(hash(2).toHex()),
                second.torrents().get(hash(2).toHex()));
        assertEquals(List.of(hash(1).toHex(), hash(2).toHex()), new ArrayList<>(second.torrents().keySet()));
        JsonNode update = JSON.readTree(frames.update(first, second));
        assertEquals(1, update.get("torrents").size());
        assertEquals(hash(2).toHex(), update.get("torrents").get(0).get("id").asText());
        assertEquals(7, update.get("torrents").get(0).get("downloadRate").asLong());
        // The same sample again: nothing changed, no frame.
        EventFrames.Sample third = frames.sample(3, second.engine(), second);
        assertNull(frames.update(second, third));
        assertEquals(JSON.writeValueAsString(sample(3, session(2, 0), torrent(1, "a", TorrentState.LIVE, 0),
                torrent(2, "b", TorrentState.LIVE, 7)).torrents()), JSON.writeValueAsString(third.torrents()));
    }

    /**
     * A snapshot is joined from each torrent's text, kept across samples for the torrents that did not
     * change: the same document as the whole tree written at once, and an unchanged torrent is not
     * written again (its text is the same string).
     */
    @Test
    void snapshotTextIsTheTreeWrittenWholeAndKeepsTheTextsOfUnchangedTorrents() throws Exception {
        EventFrames.Sample first = sample(1, session(2, 0), torrent(1, "a \"quoted\" ☃", TorrentState.LIVE, 0),
                torrent(2, "b", TorrentState.LIVE, 0));
        frames.writeTexts(first);
        EventFrames.Sample second = frames.sample(2, new EngineSnapshot(session(2, 3),
                List.of(torrent(1, "a \"quoted\" ☃", TorrentState.LIVE, 0), torrent(2, "b", TorrentState.LIVE, 7)),
                Map.of()), first);
        org.junit.jupiter.api.Assertions.assertSame(first.texts().get(hash(1).toHex()), second.texts().get(hash(1).toHex()));
        assertNull(second.texts().get(hash(2).toHex()), "a changed torrent is written again");
        var history = new SpeedHistory().toJson(JSON);
        var events = JSON.createArrayNode().add(JSON.createObjectNode().put("id", 1).put("kind", "torrent.added"));
        String text = frames.snapshot(second, 5, history, events);
        com.fasterxml.jackson.databind.node.ObjectNode whole = JSON.createObjectNode().put("type", "snapshot").put("seq", 0);
        whole.putArray("torrents").addAll(second.torrents().values());
        whole.set("session", second.session());
        whole.set("history", history);
        whole.set("events", events);
        assertEquals(EventFrames.withSeq(JSON.writeValueAsString(whole), 5), text);
        assertEquals(7, JSON.readTree(text).get("torrents").get(1).get("downloadRate").asLong());
    }

    /** The order is kept from the previous sample while nothing is added, removed or renamed, and redone then. */
    @Test
    void orderFollowsNamesWhenAMagnetGetsItsNameOrATorrentComes() {
        EventFrames.Sample first = sample(1, session(2, 0), torrent(1, "b", TorrentState.LIVE, 0),
                torrent(2, "c", TorrentState.LIVE, 0));
        EventFrames.Sample same = frames.sample(2, new EngineSnapshot(session(2, 0),
                List.of(torrent(2, "c", TorrentState.LIVE, 5), torrent(1, "b", TorrentState.LIVE, 0)), Map.of()), first);
        assertEquals(List.of(hash(1).toHex(), hash(2).toHex()), new ArrayList<>(same.torrents().keySet()));
        EventFrames.Sample renamed = frames.sample(3, new EngineSnapshot(session(2, 0),
                List.of(torrent(1, "b", TorrentState.LIVE, 0), torrent(2, "a", TorrentState.LIVE, 0)), Map.of()), same);
        assertEquals(List.of(hash(2).toHex(), hash(1).toHex()), new ArrayList<>(renamed.torrents().keySet()));
        EventFrames.Sample added = frames.sample(4, new EngineSnapshot(session(3, 0),
                List.of(torrent(1, "b", TorrentState.LIVE, 0), torrent(2, "a", TorrentState.LIVE, 0),
                        torrent(3, "aa", TorrentState.LIVE, 0)), Map.of()), renamed);
        assertEquals(List.of(hash(2).toHex(), hash(3).toHex(), hash(1).toHex()), new ArrayList<>(added.torrents().keySet()));
    }
}
