package dev.bitquark.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {
    @Test
    void exposesEngineAndJvmMetricsInPrometheusFormat() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("# TYPE bitquark_engine_up gauge"))
                .body(containsString("bitquark_engine_up 1.0"))
                .body(containsString("jvm_memory_used_bytes"));
    }
}
