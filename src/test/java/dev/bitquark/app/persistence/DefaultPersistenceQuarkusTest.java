package dev.bitquark.app.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Without {@code bitquark.persistence=postgresql} the server needs no database and starts none. */
@QuarkusTest
class DefaultPersistenceQuarkusTest {
    @Test
    void datasourceAndMigrationsAreInactiveByDefault() {
        var config = ConfigProvider.getConfig();
        assertFalse(config.getValue("quarkus.datasource.active", Boolean.class));
        assertFalse(config.getValue("quarkus.flyway.migrate-at-start", Boolean.class));
    }

    /** Regression: readiness listed a "Database connections health check" as UP although no database is used. */
    @Test
    void readyWithoutAnyDatabaseCheck() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("Database connections health check")))
                .body("checks.find { it.name == 'bitquark' }.data.database", nullValue());
    }
}
