package dev.bitquark.app.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletionStage;

/**
 * Live updates: WebSocket {@code /api/v1/events} (login and same-origin checked on the upgrade by
 * the security filter, like all of /api). The first frame is a {@code hello} naming the product and
 * version (the UI shows "connected" once it arrives), then a {@code snapshot}, then {@code update}s
 * with what changed every events interval; clients may subscribe to a torrent's peers. The
 * protocol is in docs/events.md; the work is done by the {@link EventHub}. Stateless: every
 * callback hands over to the hub.
 */
@WebSocket(path = "/api/v1/events")
public class EventsSocket {
    private final EventsService events;

    EventsSocket(EventsService events) {
        this.events = events;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        if (!events.hub().connect(connection.id(), new ConnectionSink(connection), events.hello())) {
            return connection.close(new CloseReason(SendQueue.SLOW_CLIENT, "too many event clients"));
        }
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public void onMessage(WebSocketConnection connection, String message) {
        events.hub().onMessage(connection.id(), message);
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        events.hub().disconnect(connection.id());
    }

    /** A connection as the hub's send queue sees it. */
    private record ConnectionSink(WebSocketConnection connection) implements SendQueue.Sink {
        @Override
        public CompletionStage<Void> send(String frame) {
            return connection.sendText(frame).subscribeAsCompletionStage();
        }

        @Override
        public void close(int code, String reason) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, err -> { });
        }
    }
}
