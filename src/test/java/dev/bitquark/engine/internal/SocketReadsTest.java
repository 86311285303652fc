package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SocketReads} over real loopback sockets: the path without Vert.x's heap copy is the one taken (a Vert.x
 * upgrade that removes it fails here, not silently in the benchmark), every byte arrives in order, and switching
 * reading off holds the bytes back until it is switched on again.
 */
class SocketReadsTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readsWithoutTheHeapCopyInOrderAndPauses() throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CompletableFuture<NetSocket> accepted = new CompletableFuture<>();
        NetServer server = vertx.createNetServer().connectHandler(s -> {
            SocketReads.attach(s, buf -> {
                synchronized (got) {
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    got.writeBytes(b);
                }
            });
            accepted.complete(s);
        });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        NetSocket client = vertx.createNetClient().connect(port, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        NetSocket ours = accepted.get(10, TimeUnit.SECONDS);
        assertTrue(ours instanceof NetSocketInternal, "the zero-copy read path needs NetSocketInternal");

        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >> 8));
        }
        client.write(Buffer.buffer(big));
        awaitSize(got, big.length);
        synchronized (got) {
            assertTrue(java.util.Arrays.equals(big, got.toByteArray()), "every byte, in order");
            got.reset();
        }

        SocketReads.setReading(ours, false);
        Thread.sleep(100); // a read already under way may still deliver; none has started since
        client.write(Buffer.buffer("held back", StandardCharsets.US_ASCII.name()));
        Thread.sleep(300);
        synchronized (got) {
            assertEquals(0, got.size(), "nothing is read while reading is off");
        }
        SocketReads.setReading(ours, true);
        awaitSize(got, "held back".length());
        synchronized (got) {
            assertEquals("held back", got.toString(StandardCharsets.US_ASCII));
        }
    }

    private static void awaitSize(ByteArrayOutputStream got, int size) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            synchronized (got) {
                if (got.size() >= size) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        synchronized (got) {
            assertEquals(size, got.size(), "bytes received in 5 s");
        }
    }
}
