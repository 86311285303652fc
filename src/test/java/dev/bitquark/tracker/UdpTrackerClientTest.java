package dev.bitquark.tracker;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.TrackerException;
import dev.bitquark.tracker.codec.UdpTrackerCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UDP transport against a scripted UDP tracker on 127.0.0.1 (real datagrams, real timers). */
class UdpTrackerClientTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final AnnounceRequest REQUEST = AnnounceRequest.of(HASH, PeerId.of("-BQ0100-abcdefghijkl".getBytes()),
            6881, 0, 0, 100, AnnounceRequest.Event.STARTED, 50, 7);
    static final long CONNECTION_ID = 0x0BADC0FFEEL;

    static Vertx vertx;
    static Context context;
    ScriptedTracker tracker;
    UdpTrackerClient client;

    /** A UDP tracker whose answers come from a script; it records every packet it receives. */
    static final class ScriptedTracker implements AutoCloseable {
        final DatagramSocket socket;
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        final Thread thread;
        volatile boolean closed;

        /** {@code script} maps the n-th received packet (and n) to the datagrams to send back. */
        ScriptedTracker(BiFunction<byte[], Integer, List<byte[]>> script) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(100);
            thread = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (!closed) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        continue;
                    } catch (IOException e) {
                        return;
                    }
                    byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                    received.add(data);
                    for (byte[] reply : script.apply(data, received.size() - 1)) {
                        try {
                            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                        } catch (IOException e) {
                            return;
                        }
                    }
                }
            }, "scripted-udp-tracker");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "udp://127.0.0.1:" + socket.getLocalPort() + "/announce";
        }

        long count(int action) {
            return received.stream().filter(p -> ByteBuffer.wrap(p).getInt(8) == action).count();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            socket.close();
            thread.join(2000);
        }
    }

    /** A well-behaved answer to connect and announce requests. */
    static List<byte[]> answer(byte[] request) {
        ByteBuffer in = ByteBuffer.wrap(request);
        int action = in.getInt(8);
        int tx = in.getInt(12);
        if (action == UdpTrackerCodec.ACTION_CONNECT) {
            return List.of(ByteBuffer.allocate(16).putInt(0).putInt(tx).putLong(CONNECTION_ID).array());
        }
        assertEquals(CONNECTION_ID, in.getLong(0), "requests carry the connection id");
        if (action == UdpTrackerCodec.ACTION_SCRAPE) {
            return List.of(ByteBuffer.allocate(20).putInt(2).putInt(tx).putInt(3).putInt(8).putInt(4).array());
        }
        return List.of(ByteBuffer.allocate(26).putInt(1).putInt(tx).putInt(1800).putInt(2).putInt(3)
                .put(new byte[] {10, 0, 0, 5, 0x1A, (byte) 0xE1}).array());
    }

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            OnContext.await(context, client::close);
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    void start(BiFunction<byte[], Integer, List<byte[]>> script, Duration base, int retransmits,
               Duration lifetime) throws IOException {
        tracker = new ScriptedTracker(script);
        client = new UdpTrackerClient(vertx, new UdpTrackerClient.Options("127.0.0.1", base, retransmits, lifetime));
    }

    AnnounceResponse announce() throws Exception {
        return OnContext.await(context, () -> client.announce(tracker.url(), REQUEST));
    }

    @Test
    void connectsThenAnnounces() throws Exception {
        start((p, n) -> answer(p), Duration.ofSeconds(5), 2, Duration.ofMinutes(1));
        AnnounceResponse r = announce();
        assertEquals(List.of(new InetSocketAddress("10.0.0.5", 6881)), r.peers());
        assertEquals(3, r.seeders());
        assertEquals(2, r.leechers());
        assertEquals(UdpTrackerCodec.PROTOCOL_ID, ByteBuffer.wrap(tracker.received.get(0)).getLong(0));
        assertEquals(98, tracker.received.get(1).length);
    }

    @Test
    void reusesTheConnectionIdWithinItsLifetime() throws Exception {
        start((p, n) -> answer(p), Duration.ofSeconds(5), 2, Duration.ofMinutes(1));
        announce();
        announce();
        OnContext.await(context, () -> client.scrape(tracker.url(), HASH));
        assertEquals(1, tracker.count(UdpTrackerCodec.ACTION_CONNECT));
        assertEquals(2, tracker.count(UdpTrackerCodec.ACTION_ANNOUNCE));
    }

    @Test
    void reconnectsWhenTheConnectionIdExpired() throws Exception {
        start((p, n) -> answer(p), Duration.ofSeconds(5), 2, Duration.ZERO);
        announce();
        Thread.sleep(5);
        announce();
        assertEquals(2, tracker.count(UdpTrackerCodec.ACTION_CONNECT));
    }

    @Test
    void retransmitsALostRequest() throws Exception {
        // Drops the first connect and the first announce.
        start((p, n) -> n == 0 || n == 2 ? List.of() : answer(p), Duration.ofMillis(100), 3, Duration.ofMinutes(1));
        assertEquals(1, announce().peers().size());
        assertEquals(2, tracker.count(UdpTrackerCodec.ACTION_CONNECT));
        assertEquals(2, tracker.count(UdpTrackerCodec.ACTION_ANNOUNCE));
    }

    @Test
    void givesUpAfterTheLastRetransmitWithDoublingTimeouts() throws Exception {
        start((p, n) -> List.of(), Duration.ofMillis(50), 3, Duration.ofMinutes(1));
        long start = System.nanoTime();
        TrackerException e = OnContext.failure(context, () -> client.announce(tracker.url(), REQUEST));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(TrackerException.Kind.TRANSPORT, e.kind());
        assertTrue(e.getMessage().contains("did not answer after 4 attempts"), e.getMessage());
        assertEquals(4, tracker.received.size(), "n = 0..3");
        // 50 + 100 + 200 + 400 ms: the BEP 15 ladder, not a fixed or busy retry.
        assertTrue(elapsedMs >= 700, "elapsed " + elapsedMs + " ms");
    }

    @Test
    void ignoresPacketsForUnknownTransactionsAndShortPackets() throws Exception {
        start((p, n) -> {
            List<byte[]> good = answer(p);
            byte[] wrongTx = good.get(0).clone();
            wrongTx[7] ^= 1;
            return List.of(new byte[] {1, 2, 3}, wrongTx, good.get(0));
        }, Duration.ofSeconds(5), 1, Duration.ofMinutes(1));
        assertEquals(1, announce().peers().size());
        assertEquals(2, tracker.received.size(), "no retransmit was needed");
    }

    @Test
    void reportsTheTrackersErrorMessage() throws Exception {
        start((p, n) -> {
            int tx = ByteBuffer.wrap(p).getInt(12);
            return n == 0 ? answer(p) : List.of(UdpTrackerCodec.errorResponse(tx, "info-hash not\tauthorized"));
        }, Duration.ofSeconds(5), 1, Duration.ofMinutes(1));
        TrackerException e = OnContext.failure(context, () -> client.announce(tracker.url(), REQUEST));
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertEquals("info-hash notauthorized", e.getMessage());
    }

    @Test
    void reportsATruncatedAnswerToOurTransaction() throws Exception {
        start((p, n) -> n == 0 ? answer(p) : List.of(Arrays.copyOf(answer(p).get(0), 23)), Duration.ofSeconds(5), 1,
                Duration.ofMinutes(1));
        TrackerException e = OnContext.failure(context, () -> client.announce(tracker.url(), REQUEST));
        assertEquals(TrackerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("3 peer bytes"), e.getMessage());
    }

    @Test
    void honoursTheCallersDeadline() throws Exception {
        start((p, n) -> List.of(), Duration.ofSeconds(15), 8, Duration.ofMinutes(1));
        long start = System.nanoTime();
        TrackerException e = OnContext.failure(context,
                () -> client.announce(tracker.url(), REQUEST, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
    }

    @Test
    void rejectsUdpUrlsWithoutPort() throws Exception {
        start((p, n) -> List.of(), Duration.ofSeconds(1), 0, Duration.ofMinutes(1));
        TrackerException e = OnContext.failure(context, () -> client.announce("udp://127.0.0.1/announce", REQUEST));
        assertEquals(TrackerException.Kind.INVALID_URL, e.kind());
    }
}
