package dev.bitquark.lsd;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.testkit.Ports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on real sockets: multicast on the loopback interface between two services (a group and port
 * of their own, so nothing else on the host interferes), and hand-made unicast packets to the LSD port for
 * hostile input and floods.
 */
class LsdServiceTest {
    static final String GROUP = "239.255.14.14";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final byte[] SHARED = InfoHash.fromHex("1111111111111111111111111111111111111111").toBytes();
    static final byte[] ONLY_A = InfoHash.fromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").toBytes();
    static final byte[] ONLY_B = InfoHash.fromHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb").toBytes();

    static Vertx vertx;
    final List<LsdService> services = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeServices() throws Exception {
        for (LsdService s : services) {
            await(s.close());
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    LsdService start(LsdSettings settings) throws Exception {
        LsdService s = await(LsdService.start(vertx, settings));
        services.add(s);
        return s;
    }

    static LsdSettings onLoopback(String group, int port, int maxOut, int maxIn) {
        return new LsdSettings(group, port, "lo", Duration.ofMinutes(5), maxOut, maxIn);
    }

    /** Polls the stats (every 20 ms, at most {@link #WAIT}) until {@code done} holds; returns them. */
    static LsdStats awaitStats(LsdService s, Predicate<LsdStats> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        LsdStats st = await(s.stats());
        while (!done.test(st)) {
            if (System.nanoTime() > deadline) {
                fail("stats never got there: " + st);
            }
            Thread.sleep(20);
            st = await(s.stats());
        }
        return st;
    }

    /** Sends {@code text} from a plain socket on 127.0.0.1 to the service's port. */
    static void inject(DatagramSocket from, int port, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
    }

    static byte[] announceFromElsewhere(int peerPort, byte[]... hashes) {
        return LsdMessage.encode(GROUP + ":1", peerPort, List.of(hashes), "0ther");
    }

    @Test
    void twoServicesFindEachOthersAnnounceOnlyForASharedInfoHash() throws Exception {
        int port = Ports.free();
        LsdService a = start(onLoopback(GROUP, port, 5, 50));
        LsdService b = start(onLoopback(GROUP, port, 5, 50));
        assertEquals(List.of("lo"), a.interfaces());
        CompletableFuture<List<InetSocketAddress>> aFound = new CompletableFuture<>();
        CompletableFuture<List<InetSocketAddress>> bFound = new CompletableFuture<>();
        List<List<InetSocketAddress>> aOnly = new CopyOnWriteArrayList<>();
        a.announce(SHARED, 1111, aFound::complete);
        a.announce(ONLY_A, 1111, aOnly::add);
        b.announce(SHARED, 2222, bFound::complete);
        b.announce(ONLY_B, 2222, p -> fail("b does not announce what only b has"));

        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 2222)), aFound.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1111)), bFound.get(10, TimeUnit.SECONDS));
        LsdStats sa = awaitStats(a, st -> st.unwantedInfoHashes() >= 1 && st.dropped(LsdDropReason.OWN_MESSAGE) >= 1);
        LsdStats sb = awaitStats(b, st -> st.unwantedInfoHashes() >= 1 && st.dropped(LsdDropReason.OWN_MESSAGE) >= 1);
        // Both of a torrent's info-hashes, added together with one port, went in one packet.
        assertEquals(1, sa.announcesSent(), sa.toString());
        assertEquals(2, sa.infoHashesSent());
        assertEquals(2, sa.torrents());
        assertEquals(1, sa.announcesReceived());
        assertEquals(1, sb.announcesReceived());
        assertEquals(List.of(), aOnly, "nobody else announces ONLY_A");
        assertEquals(0, sa.droppedTotal() - sa.dropped(LsdDropReason.OWN_MESSAGE), sa.toString());
    }

    @Test
    void ownAnnouncesComeBackAndAreIgnored() throws Exception {
        LsdService s = start(onLoopback(GROUP, Ports.free(), 5, 50));
        List<List<InetSocketAddress>> found = new CopyOnWriteArrayList<>();
        s.announce(SHARED, 6881, found::add);
        LsdStats st = awaitStats(s, x -> x.dropped(LsdDropReason.OWN_MESSAGE) == 1);
        assertEquals(1, st.announcesSent());
        assertEquals(0, st.announcesReceived());
        assertEquals(List.of(), found);
    }

    @Test
    void aPeerIsTheSourceAddressWithTheAnnouncedPortAndAStoppedAnnounceReportsNoMore() throws Exception {
        int port = Ports.free();
        LsdService s = start(onLoopback(GROUP, port, 5, 50));
        List<List<InetSocketAddress>> found = new CopyOnWriteArrayList<>();
        List<List<InetSocketAddress>> other = new CopyOnWriteArrayList<>();
        LsdAnnounce first = s.announce(SHARED, 6881, found::add);
        s.announce(SHARED, 6881, other::add);
        await(s.stats());  // the registrations are in place: stats runs on the context after them
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            inject(peer, port, announceFromElsewhere(51413, ONLY_B, SHARED));
            awaitStats(s, st -> st.announcesReceived() == 1);
            assertEquals(List.of(List.of(new InetSocketAddress("127.0.0.1", 51413))), found);
            first.stop();
            first.stop();
            inject(peer, port, announceFromElsewhere(51413, SHARED));
            LsdStats st = awaitStats(s, x -> x.announcesReceived() == 2);
            assertEquals(1, found.size(), "stopped: no more reports");
            assertEquals(2, other.size(), "the other registration still reports");
            assertEquals(3, st.peersReported());
            assertEquals(1, st.unwantedInfoHashes());
            assertEquals(1, st.torrents());
        }
    }

    @Test
    void hostilePacketsAreDroppedAndCountedByReason() throws Exception {
        int port = Ports.free();
        LsdService s = start(onLoopback(GROUP, port, 5, 1000));
        List<List<InetSocketAddress>> found = new CopyOnWriteArrayList<>();
        s.announce(SHARED, 6881, found::add);
        await(s.stats());
        String hash = "Infohash: 1111111111111111111111111111111111111111\r\n";
        List<byte[]> bad = List.of(
                new byte[1500],
                "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                ("BT-SEARCH * HTTP/1.1\r\nPort: 0\r\n" + hash + "\r\n").getBytes(StandardCharsets.US_ASCII),
                ("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: 11\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                ("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n" + hash).getBytes(StandardCharsets.US_ASCII),
                ("BT-SEARCH * HTTP/1.1\r\n" + "X: y\r\n".repeat(40) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (byte[] b : bad) {
                inject(peer, port, b);
            }
            LsdStats st = awaitStats(s, x -> x.droppedTotal() - x.dropped(LsdDropReason.OWN_MESSAGE) == bad.size());
            for (LsdDropReason r : List.of(LsdDropReason.TOO_LARGE, LsdDropReason.NOT_BT_SEARCH, LsdDropReason.BAD_PORT,
                    LsdDropReason.BAD_INFOHASH, LsdDropReason.INCOMPLETE, LsdDropReason.TOO_MANY_LINES)) {
                assertEquals(1, st.dropped(r), r + " in " + st);
            }
            assertEquals(0, st.announcesReceived());
            assertEquals(List.of(), found);
        }
    }

    @Test
    void aReceiveFloodIsCutToTheRate() throws Exception {
        int port = Ports.free();
        int perSecond = 20;
        LsdService s = start(onLoopback(GROUP, port, 5, perSecond));
        List<List<InetSocketAddress>> found = new CopyOnWriteArrayList<>();
        s.announce(SHARED, 6881, found::add);
        await(s.stats());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long t0 = System.nanoTime();
            byte[] msg = announceFromElsewhere(51413, SHARED);
            for (int i = 0; i < 400; i++) {
                inject(peer, port, msg);
            }
            LsdStats st = awaitStats(s, x -> x.dropped(LsdDropReason.RATE_LIMITED) >= 100);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long allowed = perSecond + (long) Math.ceil(perSecond * seconds);
            // Everything read counts: our own looped-back announce too.
            long read = st.announcesReceived() + st.dropped(LsdDropReason.OWN_MESSAGE);
            assertTrue(read <= allowed, read + " read in " + seconds + " s, allowed " + allowed + ": " + st);
            assertTrue(found.size() <= allowed, found.size() + " reports");
            assertTrue(st.announcesReceived() >= 1, st.toString());
        }
    }

    @Test
    void announcesAreCutToTheRateWhateverTheNumberOfTorrents() throws Exception {
        int perSecond = 2;
        LsdService s = start(onLoopback(GROUP, Ports.free(), perSecond, 1000));
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            byte[] h = SHARED.clone();
            h[0] = (byte) i;
            s.announce(h, 10000 + i, p -> { });  // a port each: no two can share a packet
        }
        LsdStats st = awaitStats(s, x -> x.announcesSent() >= 2 * perSecond + 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long allowed = perSecond + (long) Math.ceil(perSecond * seconds);
        assertTrue(st.announcesSent() <= allowed, st.announcesSent() + " sent in " + seconds + " s, allowed " + allowed);
        assertEquals(st.announcesSent(), st.infoHashesSent());
        assertEquals(50, st.torrents());
    }

    @Test
    void torrentsAddedTogetherShareFullPackets() throws Exception {
        LsdService s = start(onLoopback(GROUP, Ports.free(), 5, 1000));
        for (int i = 0; i < 25; i++) {
            byte[] h = SHARED.clone();
            h[0] = (byte) i;
            s.announce(h, 6881, p -> { });
        }
        LsdStats st = awaitStats(s, x -> x.infoHashesSent() == 25);
        assertEquals(3, st.announcesSent(), "10 + 10 + 5");
        assertEquals(0, st.sendFailures());
    }

    @Test
    void aFailingConsumerDoesNotStopTheOthers() throws Exception {
        int port = Ports.free();
        LsdService s = start(onLoopback(GROUP, port, 5, 50));
        s.announce(SHARED, 6881, p -> {
            throw new IllegalStateException("consumer bug");
        });
        CompletableFuture<List<InetSocketAddress>> found = new CompletableFuture<>();
        s.announce(SHARED, 6881, found::complete);
        await(s.stats());  // the registrations are in place: stats runs on the context after them
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            inject(peer, port, announceFromElsewhere(7000, SHARED));
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", 7000)), found.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeLeavesTheGroupAndFreesThePort() throws Exception {
        String group = "239.255.14.15";
        int port = Ports.free();
        LsdService s = await(LsdService.start(vertx, onLoopback(group, port, 5, 50)));
        assertTrue(joinedOnLoopback(group), "joined after start");
        await(s.close());
        await(s.close());
        assertFalse(joinedOnLoopback(group), "left after close");
        s.announce(SHARED, 6881, p -> fail("closed")).stop();
        // The port is free again: a socket without address reuse can bind it. Not at once: the JDK closes
        // a channel registered with a selector only at that selector's next wake-up.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("0.0.0.0", port))) {
                assertEquals(port, again.getLocalPort());
                return;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void withoutANamedInterfaceJoinsEveryUsableOneButLoopback() throws Exception {
        List<String> usable = LocalNetworks.usable().stream().map(java.net.NetworkInterface::getName).toList();
        Assumptions.assumeFalse(usable.isEmpty(), "no multicast-capable IPv4 interface on this host");
        LsdService s = start(new LsdSettings(GROUP, Ports.free(), null, Duration.ofMinutes(5), 5, 50));
        assertEquals(usable, s.interfaces());
        assertFalse(s.interfaces().contains("lo"));
    }

    @Test
    void anUnknownInterfaceFailsTheStart() {
        LsdSettings s = new LsdSettings(GROUP, 16771, "no-such-if0", Duration.ofMinutes(5), 5, 50);
        Exception e = assertThrows(Exception.class, () -> await(LsdService.start(vertx, s)));
        assertTrue(String.valueOf(e.getMessage()).contains("no-such-if0"), e.toString());
    }

    /** Whether the kernel lists {@code group} as joined on {@code lo} (/proc/net/igmp, Linux). */
    static boolean joinedOnLoopback(String group) throws Exception {
        byte[] g = InetAddress.getByName(group).getAddress();
        String be = String.format("%02X%02X%02X%02X", g[0], g[1], g[2], g[3]);
        String le = String.format("%02X%02X%02X%02X", g[3], g[2], g[1], g[0]);
        boolean inLo = false;
        for (String line : Files.readAllLines(Path.of("/proc/net/igmp"))) {
            if (!line.startsWith("\t")) {
                inLo = line.contains("\tlo ");
            } else if (inLo && (line.contains(be) || line.contains(le))) {
                return true;
            }
        }
        return false;
    }
}
