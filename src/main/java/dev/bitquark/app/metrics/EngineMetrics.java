package dev.bitquark.app.metrics;

import dev.bitquark.app.EngineService;
import dev.bitquark.engine.Engine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Engine gauges on {@code /q/metrics} (Prometheus format). */
@ApplicationScoped
public class EngineMetrics {
    private final MeterRegistry registry;
    private final EngineService engine;

    EngineMetrics(MeterRegistry registry, EngineService engine) {
        this.registry = registry;
        this.engine = engine;
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("bitquark.engine.up", engine, e -> e.isRunning() ? 1 : 0)
                .description("1 while the engine listens for peers")
                .register(registry);
        Gauge.builder("bitquark.engine.peer.port", engine, e -> {
                    Engine en = e.engine();
                    return en == null ? -1 : en.peerPort();
                })
                .description("TCP port of the peer listener")
                .register(registry);
    }
}
