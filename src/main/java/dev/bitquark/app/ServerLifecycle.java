package dev.bitquark.app;

import dev.bitquark.app.session.SessionService;
import dev.bitquark.app.ws.EventsService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The one owner of the server's start and stop, in an explicit order. Start: the engine, then (once it listens)
 * the session, which restores the torrents and then starts the watch folder; the live events sample from the
 * start (they show nothing until the engine runs). Stop, in reverse: live events, the watch folder (nothing is
 * added while the engine stops), the engine (each torrent announces "stopped", finishes and flushes its writes,
 * and keeps the resume data of that moment), then the session saves those snapshots and closes the store, so the
 * next start needs only the spot check. Runs after the data folders and the login set-up (their priorities are
 * lower). Stateless apart from the services it orders.
 */
@ApplicationScoped
public class ServerLifecycle {
    /** After DataDirectories (default priority) and the authenticator: folders and secrets are ready. */
    static final int START_PRIORITY = 5000;

    private final EngineService engine;
    private final SessionService session;
    private final EventsService events;

    ServerLifecycle(EngineService engine, SessionService session, EventsService events) {
        this.engine = engine;
        this.session = session;
        this.events = events;
    }

    void onStart(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        engine.start().onSuccess(session::start);
        events.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        events.stop();
        session.stopWatching();
        engine.stop();
        session.stop();
    }
}
