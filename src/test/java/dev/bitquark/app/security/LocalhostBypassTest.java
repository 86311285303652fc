package dev.bitquark.app.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bitquark.auth.localhost-bypass=true}: loopback without forwarding headers gets in without a
 * password, anything forwarded does not, and the browser checks still apply. Loopback is not a
 * trusted proxy in this profile, as by default.
 */
@QuarkusTest
@TestProfile(LocalhostBypassTest.Bypass.class)
class LocalhostBypassTest {

    public static class Bypass implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bitquark.auth.localhost-bypass", "true", "bitquark.http.trusted-proxies", "");
        }
    }

    @Test
    void loopbackWithoutForwardingHeadersSkipsTheLogin() {
        given().when().get("/api/v1/auth/session").then().statusCode(200).body("method", equalTo("localhost"));
        given().when().get("/api/v1/version").then().statusCode(200);
    }

    @Test
    void anyForwardingHeaderMeansSomeoneElseIsAsking() {
        given().header("X-Forwarded-For", "203.0.113.9").when().get("/api/v1/version").then().statusCode(401);
        given().header("Forwarded", "for=203.0.113.9").when().get("/api/v1/version").then().statusCode(401);
        given().header("X-Real-IP", "203.0.113.9").when().get("/api/v1/version").then().statusCode(401);
    }

    @Test
    void browserChecksStillApply() {
        given().header("Host", "rebound.example").when().get("/api/v1/version").then().statusCode(421);
        given().header("Origin", "https://evil.example").contentType("application/json")
                .body(Map.of("label", "x")).when().post("/api/v1/auth/tokens").then().statusCode(403);
    }
}
