package dev.bitquark.app.ws;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Live updates for the UI. On connect the client gets a {@code hello} message naming the product
 * and version; the UI shows "connected" once it arrives.
 */
@WebSocket(path = "/api/v1/events")
public class EventsSocket {
    private final String version;

    EventsSocket(@ConfigProperty(name = "quarkus.application.version") String version) {
        this.version = version;
    }

    @OnOpen
    public Hello onOpen() {
        return new Hello("hello", "bitquark", version);
    }

    /** First message of every connection. */
    public record Hello(String type, String name, String version) {
    }
}
