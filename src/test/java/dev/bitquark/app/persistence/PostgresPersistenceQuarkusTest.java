package dev.bitquark.app.persistence;

import static dev.bitquark.app.persistence.PgFixtures.assertSameResume;
import static dev.bitquark.app.persistence.PgFixtures.hash;
import static dev.bitquark.app.persistence.PgFixtures.resume;
import static dev.bitquark.app.persistence.PgFixtures.torrentFile;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import dev.bitquark.testkit.Postgres;

/** The whole server with {@code bitquark.persistence=postgresql} against a real PostgreSQL server. */
@Postgres
@QuarkusTest
@TestProfile(PostgresPersistenceProfile.class)
class PostgresPersistenceQuarkusTest {
    @Inject
    Flyway flyway;

    @Inject
    PostgresSessionStore store;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void readyWithTheDatabaseConnected() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'bitquark' }.data.engine", equalTo("running"))
                .body("checks.find { it.name == 'bitquark' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'bitquark' }.data.persistence", equalTo("ready"))
                .body("checks.find { it.name == 'bitquark' }.data.database", nullValue());
    }

    @Test
    void flywayMigratedTheSchemaAtStart() {
        var all = flyway.info().all();
        assertEquals(all[all.length - 1].getVersion(), flyway.info().current().getVersion(), "the newest script");
        assertEquals(0, flyway.info().pending().length);
    }

    @Test
    void bitquarkDbKeysFeedTheDatasource() {
        assertTrue(jdbcUrl.startsWith("jdbc:postgresql://127.0.0.1:"), jdbcUrl);
    }

    @Test
    void theStoreBeanWorksOverTheDatasource() throws Exception {
        store.open();
        assertTrue(store.describe().startsWith("postgresql 127.0.0.1:"), store.describe());
        store.add(hash(42), torrentFile(42, 1000), resume(hash(42), 42, 100, 3));
        try {
            List<StoredTorrent> loaded = store.load();
            assertEquals(List.of(hash(42)), loaded.stream().map(StoredTorrent::infoHash).toList());
            assertSameResume(resume(hash(42), 42, 100, 3), loaded.getFirst().resume());
        } finally {
            store.remove(hash(42));
        }
    }

    @Test
    void settingsChangedThroughTheApiAreStoredInTheDatabase() throws Exception {
        try {
            dev.bitquark.app.TestAuth.authed().contentType("application/json")
                    .body("{\"downloadLimit\":5000,\"maxConnections\":77,\"defaultOutputFolder\":\"pg\"}")
                    .when().put("/api/v1/settings").then().statusCode(200)
                    .body("editable.maxConnections", equalTo(77)).body("readOnly.persistence", equalTo("postgresql"));
            assertEquals(new SessionSettings(5000, 0, 77, 0, "pg", 0), store.loadSettings());
        } finally {
            dev.bitquark.app.TestAuth.authed().contentType("application/json")
                    .body("{\"downloadLimit\":0,\"maxConnections\":null,\"defaultOutputFolder\":null}")
                    .when().put("/api/v1/settings").then().statusCode(200);
        }
        assertEquals(SessionSettings.DEFAULTS, store.loadSettings());
    }
}
