package dev.bitquark.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test application at a fresh database on the shared {@link PostgresServer}, through bitquark's own keys ({@code bitquark.db.*}) so that their
 * mapping onto {@code quarkus.datasource.*} is exercised too. Use it from a
 * {@code QuarkusTestProfile#testResources()} together with {@code bitquark.persistence=postgresql}.
 * Quarkus calls {@link #start()} and {@link #stop()} once each, on its own thread; the server outlives
 * the application (it stops with the JVM).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try {
            PostgresServer server = PostgresServer.shared();
            String db = server.createDatabase("bitquark");
            return Map.of(
                    "bitquark.db.url", server.jdbcUrl(db),
                    "bitquark.db.user", PostgresServer.USER,
                    "bitquark.db.password", "unused-with-trust-auth");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the PostgreSQL test server: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // The database is left to the shared server, which stops with the JVM.
    }
}
