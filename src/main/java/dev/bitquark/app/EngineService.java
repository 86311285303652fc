package dev.bitquark.app;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.dht.DhtStats;
import dev.bitquark.lsd.LsdSettings;
import java.util.List;
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
    /** The DHT's routing table, node id and stored peers, in the data folder. */
    public static final String DHT_STATE = "dht.state";

    private final io.vertx.core.Vertx vertx;
    private final BitquarkConfig config;
    private volatile Engine engine;
    private volatile Discovery discovery;
    /** The DHT's stats of the last second, for the metrics (gauges must not wait). */
    private volatile DhtStats dhtStats;
    private long dhtTimer = -1;
    private long dhtSaveTimer = -1;
    static final long DHT_SAVE_INTERVAL_MS = 5 * 60_000;
    private volatile String problem = "starting";

    EngineService(io.vertx.core.Vertx vertx, BitquarkConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts the engine; the future completes with it once it listens for peers. */
    Future<Engine> start() {
        EngineConfig base = new EngineConfig(config.peer().bind(), config.peer().port(),
                config.downloadDir().toAbsolutePath().normalize());
        return Discovery.start(vertx, discoverySettings()).compose(d -> {
            discovery = d;
            if (d.dht() != null) {
                LOG.infof("DHT node on UDP port %d", d.dht().port());
                dhtTimer = vertx.setPeriodic(1000, id -> d.dht().stats().onSuccess(st -> dhtStats = st));
                // Also saved at stop; the periodic save keeps a recent table after a kill -9 or a power cut.
                dhtSaveTimer = vertx.setPeriodic(DHT_SAVE_INTERVAL_MS, id -> d.save());
            }
            return Engine.start(vertx, d.apply(base));
        }).onComplete(ar -> {
            if (ar.succeeded()) {
                engine = ar.result();
                problem = null;
                LOG.infof("engine listening for peers on %s:%d", base.bindAddress(), engine.peerPort());
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
        Discovery d = discovery;
        if (d != null) {
            vertx.cancelTimer(dhtTimer);
            vertx.cancelTimer(dhtSaveTimer);
            try {
                // Saves the DHT's routing table and stored peers (atomic write), then closes its socket.
                d.close().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ex) {
                LOG.warnf("DHT/LSD did not close cleanly: %s", ex.toString());
            }
        }
        LOG.infof("engine stopped in %d ms", java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** What the configuration switches on: the DHT on the peer port unless set, its state in the data folder. */
    private Discovery.Settings discoverySettings() {
        List<String> bootstrap = Discovery.bootstrap(config.dht().bootstrap().orElse(null));
        return new Discovery.Settings(config.dht().enabled(), config.peer().bind(),
                config.dht().port().orElse(config.peer().port()), bootstrap,
                config.dataDir().toAbsolutePath().normalize().resolve(DHT_STATE), config.pex().enabled(),
                config.lsd().enabled(), LsdSettings.defaults());
    }

    /** The DHT, LSD and PEX switches as started, or null before the start. */
    public Discovery discovery() {
        return discovery;
    }

    /** The DHT's stats of the last second, or null without a DHT. */
    public DhtStats dhtStats() {
        return dhtStats;
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
