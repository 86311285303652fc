package dev.bitquark.app.health;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.config.DataDirectories;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the engine listens for peers and the state folders are usable. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final EngineService engine;
    private final DataDirectories dirs;

    ReadinessCheck(EngineService engine, DataDirectories dirs) {
        this.engine = engine;
        this.dirs = dirs;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("bitquark")
                .status(engine.isRunning() && dirs.isReady())
                .withData("engine", engine.isRunning() ? "running" : String.valueOf(engine.problem()))
                .withData("persistence", dirs.isReady() ? "ready" : String.valueOf(dirs.problem()));
        if (engine.isRunning()) {
            b.withData("peerPort", engine.engine().peerPort());
        }
        return b.build();
    }
}
