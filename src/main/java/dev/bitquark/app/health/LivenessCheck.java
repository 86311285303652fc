package dev.bitquark.app.health;

import dev.bitquark.app.EngineService;
import dev.bitquark.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the engine has stopped for good. A failed start is reported by readiness, not here:
 * restarting the pod does not fix a taken port or an unwritable volume.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
    private final EngineService engine;

    LivenessCheck(EngineService engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        Engine e = engine.engine();
        boolean stopped = e != null && e.status() == Engine.Status.STOPPED;
        return HealthCheckResponse.named("bitquark-engine").status(!stopped).build();
    }
}
