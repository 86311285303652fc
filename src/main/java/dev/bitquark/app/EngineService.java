package dev.bitquark.app;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Owns the one {@link Engine} of the server process: starts it on Quarkus' Vert.x instance at
 * start-up and closes it on shutdown. Thread-safe (the engine itself hops onto its own context).
 */
@ApplicationScoped
public class EngineService {
    private static final Logger LOG = Logger.getLogger(EngineService.class);

    private final io.vertx.core.Vertx vertx;
    private final BitquarkConfig config;
    private volatile Engine engine;
    private volatile String problem = "starting";

    private final dev.bitquark.app.session.SessionService session;

    EngineService(io.vertx.core.Vertx vertx, BitquarkConfig config, dev.bitquark.app.session.SessionService session) {
        this.vertx = vertx;
        this.config = config;
        this.session = session;
    }

    void onStart(@Observes StartupEvent event) {
        EngineConfig ec = new EngineConfig(config.peer().bind(), config.peer().port(),
                config.downloadDir().toAbsolutePath().normalize());
        Engine.start(vertx, ec).onComplete(ar -> {
            if (ar.succeeded()) {
                engine = ar.result();
                problem = null;
                LOG.infof("engine listening for peers on %s:%d", ec.bindAddress(), engine.peerPort());
                session.start(engine);
            } else {
                problem = ar.cause().getMessage();
                LOG.errorf("engine failed to start: %s", problem);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        // Stop the engine first: each torrent announces "stopped", finishes its writes and flushes
        // them, and keeps the resume data of that moment; then the session saves those snapshots,
        // so the next start needs only the spot check. If the engine hangs, the session still saves
        // what the torrents can tell (pieces not flushed yet are listed to be hashed again).
        session.stopWatching();
        Engine e = engine;
        long t0 = System.nanoTime();
        if (e != null) {
            try {
                e.close().toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(10).toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception ex) {
                LOG.warnf("engine did not close cleanly: %s", ex.toString());
            }
        }
        LOG.infof("engine stopped in %d ms", java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        session.stop();
    }

    /** The running engine, or null while starting or after a failed start. */
    public Engine engine() {
        return engine;
    }

    public boolean isRunning() {
        Engine e = engine;
        return e != null && e.status() == Engine.Status.RUNNING;
    }

    /** Why the engine is not running, or null. */
    public String problem() {
        return problem;
    }
}
