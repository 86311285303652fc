package dev.bitquark.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {
    @Test
    void readyOnceEngineAndStateFoldersAreUp() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'bitquark' }.data.engine", equalTo("running"))
                .body("checks.find { it.name == 'bitquark' }.data.persistence", equalTo("ready"))
                .body("checks.find { it.name == 'bitquark' }.data.peerPort", greaterThan(0));
    }

    @Test
    void liveWhileEngineRuns() {
        given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }
}
