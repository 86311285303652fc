package dev.bitquark.app.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on a real engine: clients get hello, snapshot and updates from one shared sample per
 * tick, and a client that stops reading is dropped while sampling and the other clients carry on.
 */
class EventHubTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    EngineUnderTest engine;
    EventHub hub;
    TorrentHandle torrent;

    /** A client connection: records frames; sends complete at once unless {@code stalled}. */
    static final class Client implements SendQueue.Sink {
        final boolean stalled;
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile int closeCode;
        volatile String closeReason;

        Client(boolean stalled) {
            this.stalled = stalled;
        }

        @Override
        public CompletionStage<Void> send(String frame) {
            frames.add(frame);
            return stalled ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            closeReason = reason;
            closeCode = code;
        }

        JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws Exception {
            long end = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (System.nanoTime() < end) {
                List<String> now = new ArrayList<>(frames);
                for (; seen < now.size(); seen++) {
                    JsonNode f = JSON.readTree(now.get(seen));
                    if (wanted.test(f)) {
                        return f;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no such frame within " + timeout + "; got " + frames);
        }
    }

    @BeforeEach
    void start() throws Exception {
        engine = new EngineUnderTest(work);
        byte[] data = new byte[40_000];
        new Random(5).nextBytes(data);
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("hub.bin", data).pieceLength(16384).write());
        torrent = EngineUnderTest.await(engine.engine.add(meta, TorrentOptions.defaults(work)), Duration.ofSeconds(10));
    }

    EventHub hub(EventHub.Limits limits) {
        return hub(limits, 100);
    }

    EventHub hub(EventHub.Limits limits, long intervalMillis) {
        hub = new EventHub(parts -> engine.engine.snapshot(parts).toCompletionStage(), () -> intervalMillis, JSON, limits,
                8, System::nanoTime, System::currentTimeMillis);
        hub.start();
        return hub;
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        engine.close();
    }

    static Predicate<JsonNode> type(String type) {
        return f -> type.equals(f.get("type").asText());
    }

    @Test
    void clientGetsHelloThenSnapshotThenOnlyChanges() throws Exception {
        hub(EventHub.Limits.DEFAULTS);
        Client c = new Client(false);
        assertTrue(hub.connect("c", c, "{\"type\":\"hello\"}"));
        JsonNode snapshot = c.await(type("snapshot"), Duration.ofSeconds(10));
        assertEquals("{\"type\":\"hello\"}", c.frames.getFirst(), "hello comes first");
        assertEquals(torrent.infoHash().toHex(), snapshot.get("torrents").get(0).get("id").asText());

        EngineUnderTest.await(torrent.pause(), Duration.ofSeconds(10));
        JsonNode update = c.await(f -> type("update").test(f) && f.get("torrents").size() > 0
                && f.get("torrents").get(0).has("state"), Duration.ofSeconds(10));
        assertEquals("paused", update.get("torrents").get(0).get("state").asText());

        EngineUnderTest.await(engine.engine.remove(torrent.infoHash(), false), Duration.ofSeconds(10));
        JsonNode removed = c.await(f -> type("update").test(f) && f.get("removed").size() > 0, Duration.ofSeconds(10));
        assertEquals(torrent.infoHash().toHex(), removed.get("removed").get(0).asText());
    }

    /** UI spec 1.3: snapshots and updates are numbered one by one per connection; resync answers with a snapshot. */
    @Test
    void aHiddenPageGetsTheSessionButNoTorrentChangesAndASnapshotWhenShownAgain() throws Exception {
        hub(EventHub.Limits.DEFAULTS);
        Client c = new Client(false);
        hub.connect("c", c, "{\"type\":\"hello\"}");
        c.await(type("snapshot"), Duration.ofSeconds(10));
        hub.onMessage("c", "{\"type\":\"visibility\",\"hidden\":true}");
        awaitSamples(hub.samples() + 2);
        int mark = c.frames.size();
        EngineUnderTest.await(torrent.pause(), Duration.ofSeconds(10));
        // Within the hidden interval (5 s) a session-only update shows the pause in its counts.
        JsonNode sessionOnly = c.await(f -> type("update").test(f) && f.get("session").path("paused").asInt() == 1,
                Duration.ofSeconds(15));
        assertEquals(0, sessionOnly.get("torrents").size(), "no torrent changes while hidden: " + sessionOnly);
        assertEquals(1, sessionOnly.get("session").get("paused").asInt(), "the whole session");
        for (String text : c.frames.subList(mark, c.frames.size())) {
            JsonNode f = JSON.readTree(text);
            assertTrue(!f.has("torrents") || f.get("torrents").isEmpty(), "hidden, yet a torrent change: " + text);
        }
        long lastSeq = sessionOnly.get("seq").asLong();
        hub.onMessage("c", "{\"type\":\"visibility\",\"hidden\":false}");
        JsonNode snapshot = c.await(f -> type("snapshot").test(f) && f.get("seq").asLong() > lastSeq, Duration.ofSeconds(10));
        assertEquals("paused", snapshot.get("torrents").get(0).get("state").asText());
        hub.onMessage("c", "{\"type\":\"visibility\",\"hidden\":\"yes\"}");
        assertEquals("bad_message", c.await(type("error"), Duration.ofSeconds(10)).get("error").asText());
    }

    @Test
    void everySnapshotAndUpdateIsOneMoreThanTheLastAndResyncSendsAFreshSnapshot() throws Exception {
        hub(EventHub.Limits.DEFAULTS);
        Client early = new Client(false);
        hub.connect("early", early, "{\"type\":\"hello\"}");
        assertEquals(1, early.await(type("snapshot"), Duration.ofSeconds(10)).get("seq").asLong());
        EngineUnderTest.await(torrent.pause(), Duration.ofSeconds(10));
        early.await(type("update"), Duration.ofSeconds(10));
        Client late = new Client(false); // joins later: its numbers are its own
        hub.connect("late", late, "{\"type\":\"hello\"}");
        assertEquals(1, late.await(type("snapshot"), Duration.ofSeconds(10)).get("seq").asLong());
        EngineUnderTest.await(torrent.resume(), Duration.ofSeconds(10));
        late.await(type("update"), Duration.ofSeconds(10));

        hub.onMessage("early", "{\"type\":\"resync\"}");
        JsonNode again = early.await(f -> type("snapshot").test(f) && f.get("seq").asLong() > 1, Duration.ofSeconds(10));
        assertEquals(torrent.infoHash().toHex(), again.get("torrents").get(0).get("id").asText());
        awaitSamples(hub.samples() + 2);
        for (Client c : List.of(early, late)) {
            long last = 0;
            for (String text : new ArrayList<>(c.frames)) {
                JsonNode f = JSON.readTree(text);
                String type = f.get("type").asText();
                if (type.equals("snapshot") || type.equals("update")) {
                    assertEquals(last + 1, f.get("seq").asLong(), "strictly one more: " + c.frames);
                    last = f.get("seq").asLong();
                } else if (type.equals("heartbeat")) {
                    assertEquals(last, f.get("seq").asLong(), "a heartbeat carries the last seq");
                }
            }
            assertTrue(last >= 2, "at least a snapshot and an update: " + c.frames);
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileSamplingAndOtherClientsCarryOn() throws Exception {
        hub(new EventHub.Limits(4, 1 << 20, Duration.ofMinutes(10)));
        Client stalled = new Client(true);
        Client healthy = new Client(false);
        hub.connect("stalled", stalled, "{\"type\":\"hello\"}");
        hub.connect("healthy", healthy, "{\"type\":\"hello\"}");
        healthy.await(type("snapshot"), Duration.ofSeconds(10));
        // Each pause or resume is an update frame: the stalled client's queue fills up.
        long samplesBefore = hub.samples();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean paused = false;
        while (stalled.closeReason == null && System.nanoTime() < end) {
            EngineUnderTest.await(paused ? torrent.resume() : torrent.pause(), Duration.ofSeconds(10));
            paused = !paused;
            awaitSamples(hub.samples() + 2);
        }
        assertEquals(SendQueue.SLOW_CLIENT, stalled.closeCode, "dropped: " + stalled.closeReason);
        assertTrue(stalled.closeReason.startsWith("too slow: 4 frames"), stalled.closeReason);
        assertEquals(1, stalled.frames.size(), "only the hello was ever handed to the stalled connection");
        assertTrue(hub.samples() - samplesBefore >= 3, "updates over several samples filled the queue: "
                + (hub.samples() - samplesBefore) + " samples");
        long afterDrop = hub.samples();
        awaitSamples(afterDrop + 3); // sampling goes on after the drop (bounded wait, no timing assumption)

        int seen = healthy.frames.size();
        EngineUnderTest.await(paused ? torrent.resume() : torrent.pause(), Duration.ofSeconds(10));
        healthy.await(f -> type("update").test(f) && f.get("torrents").size() > 0 && healthy.frames.size() > seen,
                Duration.ofSeconds(10));
        hub.disconnect("stalled");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.clients() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, hub.clients());
    }

    @Test
    void aSendPendingTooLongDropsTheClientEvenWithoutNewFrames() throws Exception {
        hub(new EventHub.Limits(64, 1 << 20, Duration.ofMillis(300)));
        Client stalled = new Client(true);
        hub.connect("stalled", stalled, "{\"type\":\"hello\"}");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stalled.closeReason == null && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(SendQueue.SLOW_CLIENT, stalled.closeCode);
        assertTrue(stalled.closeReason.contains("pending"), stalled.closeReason);
    }

    @Test
    void subscribedClientGetsPeerFramesAndBadMessagesGetErrorFrames() throws Exception {
        hub(EventHub.Limits.DEFAULTS);
        Client c = new Client(false);
        hub.connect("c", c, "{\"type\":\"hello\"}");
        c.await(type("snapshot"), Duration.ofSeconds(10));
        hub.onMessage("c", "{\"type\":\"launch\"}");
        JsonNode error = c.await(type("error"), Duration.ofSeconds(5));
        assertEquals("unknown_type", error.get("error").asText());
        hub.onMessage("c", "{\"type\":\"subscribe\",\"torrent\":\"" + "ab".repeat(20) + "\"}");
        assertEquals("unknown_torrent", c.await(f -> type("error").test(f)
                && "unknown_torrent".equals(f.get("error").asText()), Duration.ofSeconds(5)).get("error").asText());

        String hex = torrent.infoHash().toHex();
        hub.onMessage("c", "{\"type\":\"subscribe\",\"torrent\":\"" + hex + "\"}");
        JsonNode peers = c.await(type("peers"), Duration.ofSeconds(5));
        assertEquals(hex, peers.get("torrent").asText());
        assertTrue(peers.get("peers").isArray());

        hub.onMessage("c", "{\"type\":\"unsubscribe\",\"torrent\":\"" + hex + "\"}");
        // Messages and samples run in order on the hub's thread: two samples on, one has run wholly after the
        // unsubscribe, and every later one is without its peers; three more samples show none comes.
        awaitSamples(hub.samples() + 2);
        int count = c.frames.size();
        awaitSamples(hub.samples() + 3);
        assertEquals(0, c.frames.subList(count, c.frames.size()).stream().filter(f -> f.contains("\"peers\"")).count(),
                "no more peer frames after unsubscribe, over three samples");
    }

    /** UI spec 1.3: a details pane follows files, trackers and pieces; each part comes again only once changed. */
    @Test
    void topicsBringTheirFramesOnceUntilTheyChangeAndANewListReplacesTheOld() throws Exception {
        hub(EventHub.Limits.DEFAULTS);
        Client c = new Client(false);
        hub.connect("c", c, "{\"type\":\"hello\"}");
        c.await(type("snapshot"), Duration.ofSeconds(10));
        String hex = torrent.infoHash().toHex();
        hub.onMessage("c", "{\"type\":\"subscribe\",\"torrent\":\"" + hex + "\",\"topics\":[\"files\",\"trackers\",\"pieces\"]}");
        JsonNode files = c.await(type("files"), Duration.ofSeconds(5));
        assertEquals("hub.bin", files.get("files").get(0).get("path").asText());
        assertTrue(c.await(type("trackers"), Duration.ofSeconds(5)).get("trackers").isArray());
        JsonNode pieces = c.await(type("pieces"), Duration.ofSeconds(5));
        assertEquals(3, pieces.get("pieceCount").asInt());
        awaitSamples(hub.samples() + 3);
        assertEquals(1, c.frames.stream().filter(f -> f.startsWith("{\"type\":\"files\"")).count(),
                "an unchanged part is not sent again");

        hub.onMessage("c", "{\"type\":\"subscribe\",\"torrent\":\"" + hex + "\",\"topics\":[\"pieces\"]}");
        hub.onMessage("c", "{\"type\":\"resync\"}");
        awaitSamples(hub.samples() + 2);
        int count = c.frames.size();
        awaitSamples(hub.samples() + 2);
        assertEquals(2, c.frames.stream().filter(f -> f.startsWith("{\"type\":\"pieces\"")).count(),
                "after resync the followed part comes again, whole");
        assertEquals(0, c.frames.subList(count, c.frames.size()).stream()
                .filter(f -> f.startsWith("{\"type\":\"files\"")).count(), "files no longer followed");
    }

    /** UI spec 1.3: added and removed torrents are announced as events and kept for later snapshots, with the history. */
    @Test
    void addedAndRemovedTorrentsAreEventsAndTheSnapshotCarriesThemWithTheSpeedHistory() throws Exception {
        hub(EventHub.Limits.DEFAULTS);
        Client c = new Client(false);
        hub.connect("c", c, "{\"type\":\"hello\"}");
        c.await(type("snapshot"), Duration.ofSeconds(10));
        byte[] data = new byte[20_000];
        Metainfo meta = Metainfo.parse(TorrentWriter.singleFile("second.bin", data).pieceLength(16384).write());
        TorrentHandle second = EngineUnderTest.await(engine.engine.add(meta, TorrentOptions.defaults(work)),
                Duration.ofSeconds(10));
        JsonNode added = c.await(f -> type("event").test(f) && "torrent.added".equals(f.get("event").get("kind").asText()),
                Duration.ofSeconds(10)).get("event");
        assertEquals(second.infoHash().toHex(), added.get("torrent").asText());
        assertEquals("second.bin", added.get("name").asText());
        EngineUnderTest.await(engine.engine.remove(second.infoHash(), false), Duration.ofSeconds(10));
        c.await(f -> type("event").test(f) && "torrent.removed".equals(f.get("event").get("kind").asText()),
                Duration.ofSeconds(10));
        hub.onMessage("c", "{\"type\":\"resync\"}");
        JsonNode snapshot = c.await(f -> type("snapshot").test(f) && f.get("seq").asLong() > 1, Duration.ofSeconds(10));
        List<String> kinds = new ArrayList<>();
        snapshot.get("events").forEach(e -> kinds.add(e.get("kind").asText()));
        assertEquals(List.of("torrent.added", "torrent.removed"), kinds);
        JsonNode history = snapshot.get("history");
        assertTrue(history.get("times").size() >= 1, history.toString());
        assertEquals(history.get("times").size(), history.get("download").size());
    }

    /** An action's effect is sampled at once (sampleSoon), not an interval later: here the interval is a minute. */
    @Test
    void sampleSoonShowsAChangeAtOnceWhateverTheInterval() throws Exception {
        hub(EventHub.Limits.DEFAULTS, 60_000);
        Client c = new Client(false);
        hub.connect("c", c, "{\"type\":\"hello\"}");
        c.await(type("snapshot"), Duration.ofSeconds(10));
        long samples = hub.samples();
        EngineUnderTest.await(torrent.pause(), Duration.ofSeconds(10));
        hub.sampleSoon();
        JsonNode update = c.await(f -> type("update").test(f) && f.get("torrents").size() > 0, Duration.ofSeconds(5));
        assertEquals("paused", update.get("torrents").get(0).get("state").asText());
        // A burst while a sample is out costs one more sample after it, not one each.
        long before = hub.samples();
        for (int i = 0; i < 20; i++) {
            hub.sampleSoon();
        }
        awaitSamples(before + 2);
        Thread.sleep(500);
        assertTrue(hub.samples() - before <= 6, "20 requests in a burst, " + (hub.samples() - before) + " samples");
    }

    /** Waits (bounded) until the hub has taken {@code samples} samples. */
    private void awaitSamples(long samples) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.samples() < samples) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hub took " + hub.samples() + " samples, not " + samples);
            }
            Thread.sleep(10);
        }
    }
}
