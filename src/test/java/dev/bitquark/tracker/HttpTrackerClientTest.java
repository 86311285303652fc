package dev.bitquark.tracker;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.tracker.codec.AnnounceRequest;
import dev.bitquark.tracker.codec.AnnounceResponse;
import dev.bitquark.tracker.codec.TrackerException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.Ports;

/** The HTTP transport against a local server that misbehaves in the ways trackers (or paths) do. */
class HttpTrackerClientTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final AnnounceRequest REQUEST = AnnounceRequest.of(HASH, PeerId.of("-BQ0100-abcdefghijkl".getBytes()),
            6881, 0, 0, 100, AnnounceRequest.Event.STARTED, 50, 7);
    static final byte[] OK_BODY = BEncoder.encode(BDict.builder().put("interval", 1800)
            .put("peers", new byte[] {10, 0, 0, 1, 0x1A, (byte) 0xE1}).build());

    static Vertx vertx;
    static Context context;
    FakeHttpTracker server;
    HttpTrackerClient client;

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
    void startServer() throws IOException {
        server = new FakeHttpTracker();
        client = new HttpTrackerClient(vertx, HttpTrackerClient.Options.DEFAULTS.withTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stopServer() throws Exception {
        OnContext.await(context, client::close);
        server.close();
    }

    AnnounceResponse announce(String path) throws Exception {
        return OnContext.await(context, () -> client.announce(server.url(path), REQUEST));
    }

    TrackerException announceFails(String path) throws Exception {
        return OnContext.failure(context, () -> client.announce(server.url(path), REQUEST));
    }

    static byte[] gzip(byte[] data, int repeat) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (int i = 0; i < repeat; i++) {
                gz.write(data);
            }
        }
        return out.toByteArray();
    }

    @Test
    void announcesWithUserAgentAndParsesPeers() throws Exception {
        server.respond("/announce", OK_BODY);
        AnnounceResponse r = announce("/announce?passkey=k");
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881)), r.peers());
        FakeHttpTracker.Request seen = server.requests.get(0);
        assertEquals("bitquark/0.1", seen.userAgent());
        assertEquals("gzip", seen.acceptEncoding());
        assertEquals("k", seen.params().get("passkey"));
        assertEquals("started", seen.event());
        assertEquals("\u0001\u0023\u0045\u0067\u0089\u00ab\u00cd\u00ef\u0001\u0023\u0045\u0067\u0089\u00ab\u00cd"
                + "\u00ef\u0001\u0023\u0045\u0067", seen.params().get("info_hash"));
    }

    @Test
    void inflatesGzipResponses() throws Exception {
        server.handle("/announce", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            FakeHttpTracker.send(ex, 200, gzip(OK_BODY, 1));
        });
        assertEquals(1, announce("/announce").peers().size());
    }

    @Test
    void stopsAGzipBombAtOneMebibyte() throws Exception {
        byte[] bomb = gzip(new byte[1 << 20], 100);  // 100 MiB inflated, ~100 KiB on the wire
        server.handle("/announce", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            FakeHttpTracker.send(ex, 200, bomb);
        });
        TrackerException e = announceFails("/announce");
        assertEquals(TrackerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("inflates to more than 1048576 bytes"), e.getMessage());
    }

    @Test
    void abortsAHugeStreamedBodyAtTheCap() throws Exception {
        AtomicLong written = new AtomicLong();
        long huge = 256L << 20;
        server.handle("/announce", ex -> {
            ex.sendResponseHeaders(200, 0);  // streamed: no length announced up front
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                while (written.get() < huge) {
                    out.write(block);
                    written.addAndGet(block.length);
                }
            } catch (IOException expected) {
                // the client hung up
            }
        });
        TrackerException e = announceFails("/announce");
        assertTrue(e.getMessage().contains("exceeds the cap of 1048576 bytes"), e.getMessage());
        OpentrackerIntegrationTest.waitFor(() -> server.requests.size() == 1);
        Thread.sleep(200);
        assertTrue(written.get() < huge, "the request was aborted, not read to the end");
    }

    @Test
    void rejectsADeclaredHugeBodyBeforeReadingIt() throws Exception {
        server.handle("/announce", ex -> {
            ex.sendResponseHeaders(200, 5L << 20);
            try {
                OutputStream out = ex.getResponseBody();
                out.write(new byte[1024]);
                out.flush();
                sleep(3000);
            } catch (IOException expected) {
                // the client hung up
            }
        });
        long start = System.nanoTime();
        TrackerException e = announceFails("/announce");
        assertTrue(System.nanoTime() - start < Duration.ofMillis(1500).toNanos(), "failed on the header alone");
        assertTrue(e.getMessage().contains("5242880 bytes exceeds the cap"), e.getMessage());
    }

    @Test
    void refusesRedirectToFileUrl() throws Exception {
        server.handle("/announce", ex -> {
            ex.getResponseHeaders().set("Location", "file:///etc/passwd");
            FakeHttpTracker.send(ex, 302, new byte[0]);
        });
        TrackerException e = announceFails("/announce");
        assertEquals(TrackerException.Kind.TRANSPORT, e.kind());
        assertTrue(e.getMessage().contains("refusing redirect to non-http(s) URL file:///etc/passwd"), e.getMessage());
    }

    @Test
    void followsARelativeRedirect() throws Exception {
        server.handle("/old", ex -> {
            ex.getResponseHeaders().set("Location", "/announce?moved=1");
            FakeHttpTracker.send(ex, 301, new byte[0]);
        });
        server.respond("/announce", OK_BODY);
        assertEquals(1, announce("/old").peers().size());
        assertEquals("1", server.requestsTo("/announce").get(0).params().get("moved"));
    }

    @Test
    void givesUpAfterThreeRedirects() throws Exception {
        server.handle("/loop", ex -> {
            ex.getResponseHeaders().set("Location", "/loop");
            FakeHttpTracker.send(ex, 302, new byte[0]);
        });
        assertTrue(announceFails("/loop").getMessage().contains("more than 3 redirects"));
        assertEquals(4, server.requestsTo("/loop").size(), "the first request and three redirects");
    }

    @Test
    void timesOutASlowTracker() throws Exception {
        server.handle("/announce", ex -> sleep(5000));
        long start = System.nanoTime();
        TrackerException e = announceFails("/announce");
        assertTrue(e.getMessage().contains("did not answer within 2 s"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos());
    }

    @Test
    void timesOutABodyThatTricklesIn() throws Exception {
        server.handle("/announce", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('d');
                    out.flush();
                    sleep(100);
                }
            } catch (IOException expected) {
                // the client hung up
            }
        });
        assertTrue(announceFails("/announce").getMessage().contains("did not answer within 2 s"));
    }

    @Test
    void reportsTheFailureReasonAsPlainText() throws Exception {
        server.respond("/announce",
                "d14:failure reason29:<b>torrent\nnot registered</b>e".getBytes(StandardCharsets.ISO_8859_1));
        TrackerException e = announceFails("/announce");
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertEquals("<b>torrentnot registered</b>", e.getMessage());
    }

    @Test
    void reportsTheFailureReasonEvenWithAnErrorStatus() throws Exception {
        server.handle("/announce", ex -> FakeHttpTracker.send(ex, 403,
                "d14:failure reason6:bannede".getBytes(StandardCharsets.US_ASCII)));
        TrackerException e = announceFails("/announce");
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertEquals("banned", e.getMessage());
    }

    @Test
    void reportsTheStatusOfAnHtmlErrorPage() throws Exception {
        server.handle("/announce", ex -> FakeHttpTracker.send(ex, 502,
                "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.US_ASCII)));
        TrackerException e = announceFails("/announce");
        assertEquals(TrackerException.Kind.TRANSPORT, e.kind());
        assertTrue(e.getMessage().startsWith("tracker answered HTTP 502"), e.getMessage());
    }

    @Test
    void reportsAnUnreachableTracker() throws Exception {
        int closed = Ports.free();
        TrackerException e = OnContext.failure(context,
                () -> client.announce("http://127.0.0.1:" + closed + "/announce", REQUEST));
        assertEquals(TrackerException.Kind.TRANSPORT, e.kind());
    }

    @Test
    void scrapesFromTheDerivedUrl() throws Exception {
        server.respond("/scrape", BEncoder.encode(BDict.builder().put("files", BDict.builder()
                .put(BDict.keyOf(HASH.toBytes()), BDict.builder().put("complete", 4).put("incomplete", 1)
                        .put("downloaded", 9).build()).build()).build()));
        var r = OnContext.await(context, () -> client.scrape(server.url("/announce"), HASH));
        assertEquals(4, r.complete());
        assertEquals(1, r.incomplete());
        assertEquals(9, r.downloaded());
        TrackerException none = OnContext.failure(context, () -> client.scrape(server.url("/tracker"), HASH));
        assertEquals(TrackerException.Kind.INVALID_URL, none.kind());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
