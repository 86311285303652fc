package dev.bitquark.tracker;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.Ports;

/**
 * The announcer against local HTTP trackers, on real Vert.x timers run 1000 times faster than the
 * tracker asks (an interval of 60 s takes 60 ms), so the test watches whole announce cycles.
 */
class AnnouncerTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final PeerId ME = PeerId.of("-BQ0100-announcertst".getBytes(StandardCharsets.US_ASCII));

    static Vertx vertx;
    static Context context;
    TrackerClient client;
    FakeHttpTracker server;
    Announcer announcer;
    final AtomicLong left = new AtomicLong(1000);
    final List<List<InetSocketAddress>> delivered = new CopyOnWriteArrayList<>();
    long seed = 42;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeHttpTracker();
        client = new TrackerClient(vertx, HttpTrackerClient.Options.DEFAULTS.withTimeout(Duration.ofSeconds(2)),
                UdpTrackerClient.Options.DEFAULTS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (announcer != null) {
            OnContext.await(context, announcer::stop);
        }
        OnContext.await(context, client::close);
        server.close();
    }

    static byte[] ok(long interval, String extra) {
        return ("d8:intervali" + interval + "e" + extra + "5:peers6:\n\0\0\u0007\u001a\u00e1e")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    void start(List<List<String>> tiers, long divisor, Announcer.Options options) throws Exception {
        announcer = new Announcer(client, Scheduler.scaled(vertx, divisor), HASH, ME, 6881, tiers,
                () -> new Announcer.Transfer(5, 1000 - left.get(), left.get()), delivered::add, options,
                new Random(seed));
        OnContext.run(context, announcer::start);
    }

    List<TrackerStatus> status() throws Exception {
        return OnContext.await(context, () -> Future.succeededFuture(announcer.status()));
    }

    static String deadUrl() throws IOException {
        return "http://127.0.0.1:" + Ports.free() + "/announce";
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        OpentrackerIntegrationTest.waitFor(condition);
    }

    @Test
    void promotesTheTrackerThatAnswersToTheFrontOfItsTier() throws Exception {
        server.respond("/good/announce", ok(1800, ""));
        server.handle("/bad/announce", ex -> FakeHttpTracker.send(ex, 500, "<html>oops</html>".getBytes()));
        String good = server.url("/good/announce");
        String bad = server.url("/bad/announce");
        String dead = deadUrl();
        seed = 3;  // BEP 12 shuffle with this seed tries bad, dead, good: both failures come first
        start(List.of(List.of(dead, bad, good)), 1000, Announcer.Options.DEFAULTS);
        waitFor(() -> !delivered.isEmpty());
        List<TrackerStatus> s = status();
        assertEquals(List.of(good, bad, dead), s.stream().map(TrackerStatus::url).toList());
        assertEquals(TrackerStatus.Result.OK, s.get(0).lastResult());
        assertEquals(1, s.get(0).peers());
        assertNotNull(s.get(0).nextAnnounce());
        assertEquals(TrackerStatus.Result.ERROR, s.get(1).lastResult());
        assertTrue(s.get(1).message().startsWith("tracker answered HTTP 500"), s.get(1).message());
        assertEquals(TrackerStatus.Result.ERROR, s.get(2).lastResult());
        assertEquals(List.of("/bad/announce", "/good/announce"),
                server.requests.stream().map(FakeHttpTracker.Request::path).toList());
        assertEquals(List.of(new InetSocketAddress("10.0.0.7", 6881)), delivered.get(0));
    }

    @Test
    void movesOnToTheNextTierWhenATierFails() throws Exception {
        server.respond("/announce", ok(1800, ""));
        server.respond("/refusing/announce", "d14:failure reason12:unregisterede".getBytes());
        String refusing = server.url("/refusing/announce");
        start(List.of(List.of(refusing), List.of(server.url("/announce"))), 1000, Announcer.Options.DEFAULTS);
        waitFor(() -> !delivered.isEmpty());
        List<TrackerStatus> s = status();
        assertEquals(TrackerStatus.Result.ERROR, s.get(0).lastResult());
        assertEquals("unregistered", s.get(0).message());
        assertEquals(0, s.get(0).tier());
        assertEquals(TrackerStatus.Result.OK, s.get(1).lastResult());
        assertEquals(1, s.get(1).tier());
    }

    @Test
    void announcesStartedFirstThenAtTheIntervalEchoingTheTrackerId() throws Exception {
        server.respond("/announce", ok(60, "10:tracker id3:t-1"));
        start(List.of(List.of(server.url("/announce"))), 1000, Announcer.Options.DEFAULTS);
        waitFor(() -> server.requests.size() >= 3);
        List<FakeHttpTracker.Request> r = server.requests;
        assertEquals("started", r.get(0).event());
        assertEquals("", r.get(1).event());
        assertEquals("", r.get(2).event());
        assertNull(r.get(0).params().get("trackerid"));
        assertEquals("t-1", r.get(1).params().get("trackerid"));
        assertEquals("1000", r.get(0).params().get("left"));
        assertEquals("50", r.get(0).params().get("numwant"));
        assertEquals(r.get(0).params().get("key"), r.get(2).params().get("key"));
        // 60 s scaled down is 60 ms; the floor keeps a tracker from asking for less.
        assertTrue(r.get(2).nanos() - r.get(1).nanos() >= Duration.ofMillis(50).toNanos());
    }

    @Test
    void sendsCompletedExactlyOnce() throws Exception {
        server.respond("/announce", ok(600, ""));
        start(List.of(List.of(server.url("/announce"))), 1000, Announcer.Options.DEFAULTS);
        waitFor(() -> server.requests.size() >= 1);
        left.set(0);
        OnContext.run(context, announcer::completed);
        OnContext.run(context, announcer::completed);
        waitFor(() -> server.requests.size() >= 3);
        List<String> events = server.requests.stream().map(FakeHttpTracker.Request::event).toList();
        assertEquals("started", events.get(0));
        assertEquals(1, events.stream().filter("completed"::equals).count(), events.toString());
        FakeHttpTracker.Request completed = server.requests.get(events.indexOf("completed"));
        assertEquals("0", completed.params().get("left"));
    }

    @Test
    void sendsStoppedOnlyToTrackersThatKnowUsAndThenGoesQuiet() throws Exception {
        server.respond("/first/announce", ok(60, ""));
        server.respond("/second/announce", ok(60, ""));
        start(List.of(List.of(server.url("/first/announce")), List.of(server.url("/second/announce"))), 1000,
                Announcer.Options.DEFAULTS);
        waitFor(() -> !delivered.isEmpty());
        OnContext.await(context, announcer::stop);
        List<FakeHttpTracker.Request> first = server.requestsTo("/first/announce");
        assertEquals("stopped", first.get(first.size() - 1).event());
        assertEquals("0", first.get(first.size() - 1).params().get("numwant"));
        assertTrue(server.requestsTo("/second/announce").isEmpty());
        int count = server.requests.size();
        Thread.sleep(300);  // five intervals at this speed
        assertEquals(count, server.requests.size(), "no announce after stop");
    }

    @Test
    void backsOffExponentiallyWhileEveryTrackerFails() throws Exception {
        server.respond("/announce", "d14:failure reason4:downe".getBytes());
        // Base 30 s scaled by 100: retries after 300, 600, 1200 ms.
        start(List.of(List.of(server.url("/announce"))), 100, Announcer.Options.DEFAULTS);
        waitFor(() -> server.requests.size() >= 4);
        List<FakeHttpTracker.Request> r = server.requests;
        long g1 = r.get(1).nanos() - r.get(0).nanos();
        long g2 = r.get(2).nanos() - r.get(1).nanos();
        long g3 = r.get(3).nanos() - r.get(2).nanos();
        assertTrue(g1 >= Duration.ofMillis(250).toNanos(), "first retry after " + g1 / 1_000_000 + " ms");
        assertTrue(g2 > g1 * 3 / 2 && g3 > g2 * 3 / 2,
                "gaps " + g1 / 1_000_000 + ", " + g2 / 1_000_000 + ", " + g3 / 1_000_000 + " ms");
        // Every failed attempt is still a "started": the tracker never acknowledged us.
        assertTrue(r.stream().allMatch(x -> x.event().equals("started")));
        TrackerStatus s = status().get(0);
        assertEquals(TrackerStatus.Result.ERROR, s.lastResult());
        assertEquals("down", s.message());
        assertNotNull(s.nextAnnounce());
    }

    @Test
    void capsTheBackoff() throws Exception {
        server.respond("/announce", "d14:failure reason4:downe".getBytes());
        Announcer.Options capped = new Announcer.Options(50, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
        start(List.of(List.of(server.url("/announce"))), 100, capped);
        waitFor(() -> server.requests.size() >= 4);
        List<FakeHttpTracker.Request> r = server.requests;
        long g3 = r.get(3).nanos() - r.get(2).nanos();
        assertTrue(g3 < Duration.ofMillis(550).toNanos(), "third gap " + g3 / 1_000_000 + " ms stays at the cap");
    }

    @Test
    void reannounceWaitsForTheMinInterval() throws Exception {
        server.respond("/announce", ok(1800, "12:min intervali200e"));
        start(List.of(List.of(server.url("/announce"))), 1000, Announcer.Options.DEFAULTS);
        waitFor(() -> server.requests.size() >= 1);
        OnContext.run(context, announcer::reannounce);
        waitFor(() -> server.requests.size() >= 2);
        long gap = server.requests.get(1).nanos() - server.requests.get(0).nanos();
        // min interval 200 s scaled is 200 ms; the regular interval would be 1.8 s.
        assertTrue(gap >= Duration.ofMillis(150).toNanos() && gap < Duration.ofMillis(1500).toNanos(),
                "gap " + gap / 1_000_000 + " ms");
    }

    @Test
    void movesPastASilentUdpTrackerAfterTheAnnounceTimeout() throws Exception {
        server.respond("/announce", ok(1800, ""));
        // A bound UDP socket that never answers: without a deadline the BEP 15 ladder would run for hours.
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            String udp = "udp://127.0.0.1:" + silent.getLocalPort() + "/announce";
            Announcer.Options quick = new Announcer.Options(50, Duration.ofMillis(300), Duration.ofSeconds(30),
                    Duration.ofMinutes(30), Duration.ofSeconds(5));
            start(List.of(List.of(udp), List.of(server.url("/announce"))), 1000, quick);
            waitFor(() -> !delivered.isEmpty());
            TrackerStatus s = status().get(0);
            assertEquals(udp, s.url());
            assertEquals(TrackerStatus.Result.ERROR, s.lastResult());
            assertTrue(s.message().contains("did not answer within 300 ms"), s.message());
        }
    }

    @Test
    void scrapeUpdatesSeedersAndLeechers() throws Exception {
        server.respond("/announce", ok(1800, "8:completei1e10:incompletei2e"));
        byte[] key = HASH.toBytes();
        server.respond("/scrape", BEncoder.encode(BDict.builder()
                .put("files", BDict.builder().put(BDict.keyOf(key),
                        BDict.builder().put("complete", 17).put("incomplete", 4).build())
                        .build()).build()));
        start(List.of(List.of(server.url("/announce"))), 1000, Announcer.Options.DEFAULTS);
        waitFor(() -> !delivered.isEmpty());
        assertEquals(1, status().get(0).seeders());
        assertEquals(2, status().get(0).leechers());
        OnContext.await(context, announcer::scrape);
        assertEquals(17, status().get(0).seeders());
        assertEquals(4, status().get(0).leechers());
    }

    @Test
    void reportsUnsupportedSchemesWithoutTryingThem() throws Exception {
        server.respond("/announce", ok(1800, ""));
        start(List.of(List.of("wss://tracker.example/announce", server.url("/announce"))), 1000,
                Announcer.Options.DEFAULTS);
        waitFor(() -> !delivered.isEmpty());
        TrackerStatus wss = status().stream().filter(s -> s.url().startsWith("wss:")).findFirst().orElseThrow();
        assertEquals(TrackerStatus.Result.UNSUPPORTED, wss.lastResult());
    }
}
