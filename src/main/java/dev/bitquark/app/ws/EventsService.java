package dev.bitquark.app.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.app.EngineService;
import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's one {@link EventHub}: samples the running engine every events interval (the session
 * setting {@code eventsIntervalMillis}, else {@code bitquark.events.interval}) for the WebSocket
 * clients and the per-torrent metrics. Started and stopped by {@code ServerLifecycle}; thread-safe.
 */
@ApplicationScoped
public class EventsService {
    private final EventHub hub;
    private final String hello;

    EventsService(EngineService engines, SessionService sessions, BitquarkConfig config, ObjectMapper json,
                  @ConfigProperty(name = "quarkus.application.version") String version) {
        // Written once, at start-up: writing it on the first connection (serializer not yet built, cold code)
        // held that page's hello back by ~70 ms on a fresh server.
        try {
            this.hello = json.writeValueAsString(Frames.Hello.of(version));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        this.hub = new EventHub(parts -> {
            Engine e = engines.engine();
            return e == null || e.status() != Engine.Status.RUNNING ? null : e.snapshot(parts).toCompletionStage();
        }, sessions::eventsIntervalMillis, json, EventHub.Limits.DEFAULTS, config.events().maxClients(), System::nanoTime,
                System::currentTimeMillis);
    }

    /** Starts sampling (called by {@code ServerLifecycle}, after the session). */
    public void start() {
        hub.start();
    }

    /** Stops sampling and closes the clients (called by {@code ServerLifecycle}, first of all). */
    public void stop() {
        hub.close();
    }

    /** The {@code hello} frame every client gets first. */
    public String hello() {
        return hello;
    }

    public EventHub hub() {
        return hub;
    }
}
