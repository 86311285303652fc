package dev.bitquark.app.health;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.config.DataDirectories;
import dev.bitquark.app.session.WatchFolder;
import dev.bitquark.app.session.Session;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the engine listens for peers and the state folders are usable. A failing save
 * (a full data disk, an unreachable database) is reported as {@code lastSaveError} but leaves the
 * check UP: the server still serves, and its UI is where the user sees what is wrong. Also reports the watch folder (its
 * path, and why it cannot be listed), which never makes it unready; refused file names are not
 * shown here because the probe is open without a login. With PostgreSQL, a database that does not answer
 * makes it DOWN ({@code database} says why); the datasource's own check is off (with files it reported a database
 * that is not used). Holds no state of its own: called on any thread.
 */
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
        Session s = session.session();
        // With PostgreSQL, a database that does not answer makes the server unready (saves would fail); with
        // files there is no database, and no database check (the datasource's own one is off).
        String storeProblem = s == null ? null : s.storeProblem();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("bitquark")
                .status(engine.isRunning() && dirs.isReady() && session.isReady() && storeProblem == null)
                .withData("engine", engine.isRunning() ? "running" : String.valueOf(engine.problem()))
                .withData("persistence", !dirs.isReady() ? String.valueOf(dirs.problem())
                        : session.isReady() ? "ready" : String.valueOf(session.problem()));
        if (session.report() != null) {
            b.withData("torrents", session.report().restored());
        }
        if (storeProblem != null) {
            b.withData("database", storeProblem);
        }
        if (s != null && s.lastSaveError() != null) {
            b.withData("lastSaveError", s.lastSaveError());
        }
        if (engine.isRunning()) {
            b.withData("peerPort", engine.engine().peerPort());
        }
        // The watch folder is optional: its state is reported, never a reason to be unready.
        WatchFolder watch = session.watchFolder();
        if (watch != null) {
            WatchFolder.Status w = watch.status();
            b.withData("watchFolder", w.dir().toString());
            if (w.problem() != null) {
                b.withData("watchProblem", w.problem());
            }
        } else if (session.watchProblem() != null) {
            b.withData("watchProblem", session.watchProblem());
        }
        return b.build();
    }
}
