package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.persistence.FileSessionStore;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.SessionStats;
import dev.bitquark.testkit.EngineUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime settings survive a restart: changed through one session, they are in force in the engine
 * of the next session opened on the same store; "not set" falls back to the engine's defaults.
 */
class SessionSettingsRestartTest {
    @TempDir
    Path work;

    SessionStats stats(EngineUnderTest e) throws Exception {
        return EngineUnderTest.await(e.engine.sessionStats(), Duration.ofSeconds(5));
    }

    @Test
    void limitsAndSettingsAreAppliedAtOnceAndAfterARestart() throws Exception {
        Path data = work.resolve("state");
        SessionSettings wanted = new SessionSettings(300_000, 70_000, 17, 3, "incoming", 750);
        try (EngineUnderTest first = new EngineUnderTest(work);
             Session session = new Session(first.engine, new FileSessionStore(data), work, 60_000)) {
            session.restore().toCompletableFuture().get();
            session.setRateLimits(300_000, 70_000).toCompletableFuture().get();
            session.updateSettings(s -> new SessionSettings(s.downloadLimit(), s.uploadLimit(), 17, 3, "incoming", 750))
                    .toCompletableFuture().get();
            assertEquals(wanted, session.settings());
            SessionStats now = stats(first);
            assertEquals(300_000, now.downloadLimit(), "applied at run time");
            assertEquals(70_000, now.uploadLimit());
            assertEquals(17, now.maxConnections());
            assertEquals(3, now.maxConcurrentChecks());
        }
        try (EngineUnderTest second = new EngineUnderTest(work);
             Session session = new Session(second.engine, new FileSessionStore(data), work, 60_000)) {
            session.restore().toCompletableFuture().get();
            assertEquals(wanted, session.settings(), "the same settings after a restart");
            SessionStats restored = stats(second);
            assertEquals(300_000, restored.downloadLimit());
            assertEquals(70_000, restored.uploadLimit());
            assertEquals(17, restored.maxConnections());
            assertEquals(3, restored.maxConcurrentChecks());

            session.updateSettings(s -> new SessionSettings(0, 0, 0, 0, "", 0)).toCompletableFuture().get();
            SessionStats defaults = stats(second);
            assertEquals(0, defaults.downloadLimit(), "0 = unlimited");
            assertEquals(EngineConfig.DEFAULT_MAX_CONNECTIONS, defaults.maxConnections(), "0 = the engine's default");
            assertEquals(EngineConfig.DEFAULT_MAX_CONCURRENT_CHECKS, defaults.maxConcurrentChecks());
        }
    }
}
