package dev.bitquark.app.logging;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live log tail: WebSocket {@code /api/v1/logs[?tail=N]} (login required, like all of /api). On
 * connect the client gets the last N lines (default {@value #DEFAULT_BACKLOG}, at most
 * {@value LogTailService#LINES}), then every new line, one JSON text frame each (see
 * {@link LogTailHandler}). One frame is in flight per client at a time; a client that falls
 * {@value #QUEUE_LIMIT} lines behind is closed with 1013 ("try again later") rather than allowed
 * to hold memory or slow logging. At most {@code bitquark.log.tail-clients} clients at once.
 *
 * <p>Threading: a client's frames are sent from its connection's event-loop context; the logging
 * threads only queue lines and schedule that context.
 */
@WebSocket(path = "/api/v1/logs")
public class LogTailSocket {
    static final int DEFAULT_BACKLOG = 100;
    static final int QUEUE_LIMIT = 2000;

    private final LogTailService service;
    private final Vertx vertx;
    private final Map<String, Reader> readers = new ConcurrentHashMap<>();

    LogTailSocket(LogTailService service, Vertx vertx) {
        this.service = service;
        this.vertx = vertx;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        if (readers.size() >= service.maxClients()) {
            return connection.close(new CloseReason(1013, "too many log tail clients"));
        }
        Context ctx = Vertx.currentContext();
        Reader r = new Reader(connection, ctx != null ? ctx : vertx.getOrCreateContext());
        readers.put(connection.id(), r);
        r.subscription = service.tail().subscribe(backlog(connection.handshakeRequest().query()), QUEUE_LIMIT,
                r::wake, r::drop);
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        Reader r = readers.remove(connection.id());
        if (r != null && r.subscription != null) {
            service.tail().unsubscribe(r.subscription);
        }
    }

    /** {@code tail=N} from the query string, clamped to [0, ring size]. */
    static int backlog(String query) {
        if (query == null) {
            return DEFAULT_BACKLOG;
        }
        for (String part : query.split("&", 16)) {
            if (part.startsWith("tail=")) {
                try {
                    return Math.clamp(Long.parseLong(part.substring(5)), 0, LogTailService.LINES);
                } catch (NumberFormatException e) {
                    return DEFAULT_BACKLOG;
                }
            }
        }
        return DEFAULT_BACKLOG;
    }

    /** One client: sends its queued lines one frame at a time on its own context. */
    private static final class Reader {
        final WebSocketConnection connection;
        final Context context;
        volatile LogTail.Subscription subscription;

        Reader(WebSocketConnection connection, Context context) {
            this.connection = connection;
            this.context = context;
        }

        /** From any thread (a logging one): schedules sending. */
        void wake() {
            context.runOnContext(v -> sendNext());
        }

        void drop() {
            context.runOnContext(v -> connection.close(new CloseReason(1013,
                            "log tail: fell more than " + QUEUE_LIMIT + " lines behind"))
                    .subscribe().with(ok -> { }, err -> { }));
        }

        private void sendNext() {
            LogTail.Subscription s = subscription;
            if (s == null || connection.isClosed()) {
                return;
            }
            String line = s.poll();
            if (line == null) {
                return;
            }
            // The next frame goes out in a fresh task: a write can complete synchronously, and
            // chaining directly would recurse once per queued line.
            connection.sendText(line).subscribe().with(
                    ok -> context.runOnContext(v -> sendNext()),
                    err -> connection.close().subscribe().with(x -> { }, y -> { }));
        }
    }
}
