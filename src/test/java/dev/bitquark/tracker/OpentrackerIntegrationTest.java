package dev.bitquark.tracker;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceRequest.Event;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.ScrapeResponse;
import dev.bitquark.tracker.codec.TrackerException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Ports;
import dev.bitquark.testkit.Interop;

/** The tracker clients against a real opentracker process (HTTP and UDP on 127.0.0.1). */
@Interop
class OpentrackerIntegrationTest {
    static final InfoHash HTTP_HASH = InfoHash.fromHex("1111111111111111111111111111111111111111");
    static final InfoHash UDP_HASH = InfoHash.fromHex("2222222222222222222222222222222222222222");
    static final InfoHash SCRAPE_HASH = InfoHash.fromHex("3333333333333333333333333333333333333333");
    static final InfoHash ANNOUNCER_HASH = InfoHash.fromHex("4444444444444444444444444444444444444444");
    static final InfoHash UNLISTED_HASH = InfoHash.fromHex("5555555555555555555555555555555555555555");

    static OpenTracker tracker;
    static Vertx vertx;
    static Context context;
    static TrackerClient client;

    @BeforeAll
    static void startTracker() throws Exception {
        tracker = OpenTracker.start(java.nio.file.Files.createTempDirectory("opentracker"), HTTP_HASH.toHex(),
                UDP_HASH.toHex(), SCRAPE_HASH.toHex(), ANNOUNCER_HASH.toHex());
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        client = new TrackerClient(vertx, HttpTrackerClient.Options.DEFAULTS,
                new UdpTrackerClient.Options("127.0.0.1", Duration.ofMillis(500), 3, Duration.ofMinutes(1)));
    }

    @AfterAll
    static void stopTracker() throws Exception {
        try {
            if (client != null) {
                OnContext.await(context, client::close);
            }
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get();
            }
        } finally {
            if (tracker != null) {
                tracker.close();
            }
        }
    }

    static AnnounceRequest announce(InfoHash hash, String peer, int port, long left, Event event) {
        return AnnounceRequest.of(hash, PeerId.of(("-BQ0100-" + peer).getBytes()), port, 0, 0, left, event, 50, port);
    }

    AnnounceResponse announce(String url, AnnounceRequest request) throws Exception {
        return OnContext.await(context, () -> client.announce(url, request));
    }

    @Test
    void httpAnnounceOfSecondPeerReturnsTheFirst() throws Exception {
        announce(tracker.httpAnnounceUrl(), announce(HTTP_HASH, "aaaaaaaaaaaa", 40001, 100, Event.STARTED));
        AnnounceResponse second = announce(tracker.httpAnnounceUrl(),
                announce(HTTP_HASH, "bbbbbbbbbbbb", 40002, 100, Event.STARTED));
        assertTrue(second.peers().contains(new InetSocketAddress("127.0.0.1", 40001)), second.peers().toString());
        assertEquals(2, second.leechers());
        assertTrue(second.interval().toSeconds() >= 60 && second.interval().toSeconds() <= 7200);
    }

    @Test
    void udpAnnounceOfSecondPeerReturnsTheFirst() throws Exception {
        announce(tracker.udpAnnounceUrl(), announce(UDP_HASH, "cccccccccccc", 41001, 100, Event.STARTED));
        AnnounceResponse second = announce(tracker.udpAnnounceUrl(),
                announce(UDP_HASH, "dddddddddddd", 41002, 100, Event.STARTED));
        assertTrue(second.peers().contains(new InetSocketAddress("127.0.0.1", 41001)), second.peers().toString());
        assertEquals(2, second.leechers());
    }

    @Test
    void scrapeCountsSeedersAndLeechersOverHttpAndUdp() throws Exception {
        announce(tracker.httpAnnounceUrl(), announce(SCRAPE_HASH, "seed00000000", 42001, 0, Event.STARTED));
        announce(tracker.udpAnnounceUrl(), announce(SCRAPE_HASH, "leech0000000", 42002, 500, Event.STARTED));
        ScrapeResponse http = OnContext.await(context, () -> client.scrape(tracker.httpAnnounceUrl(), SCRAPE_HASH));
        ScrapeResponse udp = OnContext.await(context, () -> client.scrape(tracker.udpAnnounceUrl(), SCRAPE_HASH));
        assertEquals(1, http.complete());
        assertEquals(1, http.incomplete());
        assertEquals(http, udp);

        // A stopped event removes the peer from the swarm.
        announce(tracker.udpAnnounceUrl(), announce(SCRAPE_HASH, "leech0000000", 42002, 500, Event.STOPPED));
        ScrapeResponse after = OnContext.await(context, () -> client.scrape(tracker.httpAnnounceUrl(), SCRAPE_HASH));
        assertEquals(0, after.incomplete());
        assertEquals(1, after.complete());
    }

    @Test
    void unlistedInfoHashIsRefusedWithTheTrackersReason() throws Exception {
        TrackerException e = OnContext.failure(context, () -> client.announce(tracker.httpAnnounceUrl(),
                announce(UNLISTED_HASH, "eeeeeeeeeeee", 43001, 1, Event.STARTED)));
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void announcerFailsOverToTheLiveTrackerAndStopsCleanly() throws Exception {
        String dead = "http://127.0.0.1:" + Ports.free() + "/announce";
        List<List<InetSocketAddress>> delivered = new CopyOnWriteArrayList<>();
        // A peer already in the swarm, so our announcer gets it back.
        announce(tracker.httpAnnounceUrl(), announce(ANNOUNCER_HASH, "other0000000", 44001, 100, Event.STARTED));
        Announcer announcer = new Announcer(client, Scheduler.of(vertx), ANNOUNCER_HASH,
                PeerId.of("-BQ0100-announcer000".getBytes()), 44002, List.of(List.of(dead, tracker.udpAnnounceUrl())),
                () -> new Announcer.Transfer(0, 0, 100), delivered::add, Announcer.Options.DEFAULTS, new Random(1));
        OnContext.run(context, announcer::start);
        waitFor(() -> !delivered.isEmpty());
        assertTrue(delivered.get(0).contains(new InetSocketAddress("127.0.0.1", 44001)), delivered.toString());

        List<TrackerStatus> status = OnContext.await(context, () -> io.vertx.core.Future.succeededFuture(
                announcer.status()));
        assertEquals(tracker.udpAnnounceUrl(), status.get(0).url(), "the answering tracker moves to the front of its tier");
        assertEquals(TrackerStatus.Result.OK, status.get(0).lastResult());
        assertEquals(2, status.get(0).leechers());

        OnContext.await(context, announcer::stop);
        ScrapeResponse after = OnContext.await(context, () -> client.scrape(tracker.httpAnnounceUrl(), ANNOUNCER_HASH));
        assertEquals(1, after.incomplete(), "stopped removed our announcer from the swarm");
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
