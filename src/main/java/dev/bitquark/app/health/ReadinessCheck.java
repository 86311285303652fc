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
    private final dev.bitquark.app.session.SessionService session;

    ReadinessCheck(EngineService engine, DataDirectories dirs, dev.bitquark.app.session.SessionService session) {
        this.engine = engine;
        this.dirs = dirs;
        this.session = session;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("bitquark")
                .status(engine.isRunning() && dirs.isReady() && session.isReady())
                .withData("engine", engine.isRunning() ? "running" : String.valueOf(engine.problem()))
                .withData("persistence", !dirs.isReady() ? String.valueOf(dirs.problem())
                        : session.isReady() ? "ready" : String.valueOf(session.problem()));
        if (session.report() != null) {
            b.withData("torrents", session.report().restored());
        }
        if (engine.isRunning()) {
            b.withData("peerPort", engine.engine().peerPort());
        }
        return b.build();
    }
}
