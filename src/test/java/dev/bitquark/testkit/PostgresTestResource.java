package dev.bitquark.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Runs a {@link PostgresServer} for the lifetime of a Quarkus test application and points bitquark
 * at a fresh database on it, through bitquark's own keys ({@code bitquark.db.*}) so that their
 * mapping onto {@code quarkus.datasource.*} is exercised too. Use it from a
 * {@code QuarkusTestProfile#testResources()} together with {@code bitquark.persistence=postgresql}.
 * Quarkus calls {@link #start()} and {@link #stop()} once each, on its own thread; the instance owns the server.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = PostgresServer.start();
            String db = server.createDatabase("bitquark");
            return Map.of(
                    "bitquark.db.url", server.jdbcUrl(db),
                    "bitquark.db.user", PostgresServer.USER,
                    "bitquark.db.password", "unused-with-trust-auth");
        } catch (Exception e) {
            if (server != null) {
                server.close();
            }
            throw new IllegalStateException("cannot start the PostgreSQL test server: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
