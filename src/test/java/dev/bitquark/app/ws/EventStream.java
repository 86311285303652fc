package dev.bitquark.app.ws;

import dev.bitquark.app.TestAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A logged-in client of {@code /api/v1/events} for tests: keeps every frame it receives, in order. */
public final class EventStream implements AutoCloseable {
    public final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final WebSocketClient client;
    private final ClientWebSocket socket;
    private volatile Short closeCode;
    private int next;

    public EventStream(Vertx vertx, URI events) throws Exception {
        client = vertx.createWebSocketClient();
        socket = client.webSocket();
        // Handlers are set before connecting: the server's first frame may arrive with the upgrade
        // response, before a listener on the connect future would run.
        socket.textMessageHandler(text -> {
            JsonObject f = new JsonObject(text);
            frames.add(f);
            resyncOnGap(f);
        });
        socket.closeHandler(v -> closeCode = socket.closeStatusCode());
        socket.connect(new WebSocketConnectOptions()
                        .setHost(events.getHost()).setPort(events.getPort()).setURI(events.getPath())
                        .addHeader("Authorization", TestAuth.basic()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The seq of the last snapshot or update seen; whether a resync was asked for it. */
    private long lastSeq;
    private boolean resyncAsked;

    /**
     * As the protocol asks of a client (docs/events.md): a frame numbered past the last one seen is a gap, answered
     * with a resync, which brings a fresh snapshot. The Vert.x client drops, now and then, the frames that arrive in
     * the same read as the upgrade's 101 answer (hello and the snapshot; the server's heartbeat then carries the
     * snapshot's number), which a browser never does; this keeps such a run from waiting for a snapshot in vain.
     */
    private void resyncOnGap(JsonObject f) {
        String type = f.getString("type");
        Long seq = f.getLong("seq");
        if (seq == null) {
            return;
        }
        if ("snapshot".equals(type)) {
            lastSeq = seq;
            resyncAsked = false;
        } else if ("update".equals(type) && seq == lastSeq + 1) {
            lastSeq = seq;
        } else if (("update".equals(type) || "heartbeat".equals(type)) && seq > lastSeq && !resyncAsked) {
            resyncAsked = true;
            System.err.println("EventStream: frames up to seq " + seq + " were lost (last seen " + lastSeq
                    + "); asking for a resync");
            socket.writeTextMessage("{\"type\":\"resync\"}");
        }
    }

    public void send(String text) throws Exception {
        socket.writeTextMessage(text).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** The next frame (after those already returned) that matches, waiting up to {@code timeout}. */
    public JsonObject await(Predicate<JsonObject> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            while (next < frames.size()) {
                JsonObject f = frames.get(next++);
                if (wanted.test(f)) {
                    return f;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such frame within " + timeout + "; got " + frames
                + (closeCode == null ? "" : " (closed with " + closeCode + ")"));
    }

    public JsonObject await(String type, Duration timeout) throws InterruptedException {
        return await(f -> type.equals(f.getString("type")), timeout);
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    public Short closeCode() {
        return closeCode;
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
