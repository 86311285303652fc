package dev.bitquark.app.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitquark.app.EngineService;
import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The server's one {@link EventHub}: samples the running engine every events interval (the session
 * setting {@code eventsIntervalMillis}, else {@code bitquark.events.interval}) for the WebSocket
 * clients and the per-torrent metrics. Started and stopped by {@code ServerLifecycle}; thread-safe.
 */
@ApplicationScoped
public class EventsService {
    private final EventHub hub;

    EventsService(EngineService engines, SessionService sessions, BitquarkConfig config, ObjectMapper json) {
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

    public EventHub hub() {
        return hub;
    }
}
