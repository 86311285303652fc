package dev.bitquark.app;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineConfig;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Owns the one {@link Engine} of the server process: {@link #start} runs it on Quarkus' Vert.x instance and
 * {@link #stop} closes it; {@link ServerLifecycle} calls both, in the server's order. Thread-safe (the engine
 * itself hops onto its own context).
 */
@ApplicationScoped
public class EngineService {
    private static final Logger LOG = Logger.getLogger(EngineService.class);

    private final io.vertx.core.Vertx vertx;
    private final BitquarkConfig config;
    private volatile Engine engine;
    private volatile String problem = "starting";

    EngineService(io.vertx.core.Vertx vertx, BitquarkConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts the engine; the future completes with it once it listens for peers. */
    Future<Engine> start() {
        EngineConfig ec = new EngineConfig(config.peer().bind(), config.peer().port(),
                config.downloadDir().toAbsolutePath().normalize());
        return Engine.start(vertx, ec).onComplete(ar -> {
            if (ar.succeeded()) {
                engine = ar.result();
                problem = null;
                LOG.infof("engine listening for peers on %s:%d", ec.bindAddress(), engine.peerPort());
            } else {
                problem = ar.cause().getMessage();
                LOG.errorf("engine failed to start: %s", problem);
            }
        });
    }

    /**
     * Closes the engine (bounded, 10 s): each torrent announces "stopped", finishes its writes and flushes them,
     * and keeps the resume data of that moment.
     */
    void stop() {
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
