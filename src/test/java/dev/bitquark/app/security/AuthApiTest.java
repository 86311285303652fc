package dev.bitquark.app.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Login, sessions, Basic and Bearer, and the brake on guessing. Each test that fails logins on
 * purpose comes from its own address (X-Forwarded-For through loopback, which the test profile
 * trusts as a proxy), so the limiter state of one test does not leak into another.
 */
@QuarkusTest
class AuthApiTest {
    static final String LOGIN = "/api/v1/auth/login";

    static Response login(String password, String clientIp) {
        return given().header("X-Forwarded-For", clientIp).contentType("application/json")
                .body(Map.of("password", password)).when().post(LOGIN);
    }

    @Test
    void apiWithoutCredentialsAnswers401WithJsonError() {
        given().when().get("/api/v1/version").then()
                .statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", containsString("realm=\"bitquark\""))
                .header("WWW-Authenticate", not(containsString("Basic")))
                .body("error", equalTo("unauthorized"))
                .body("message", equalTo("login required"));
    }

    @Test
    void wrongPasswordIs401AndRightPasswordPasses() {
        given().header("Authorization", TestAuth.basic("nope")).header("X-Forwarded-For", "198.51.100.10")
                .when().get("/api/v1/version").then().statusCode(401).body("message", equalTo("wrong password"));
        TestAuth.authed().when().get("/api/v1/version").then().statusCode(200).body("name", equalTo("bitquark"));
        login("nope", "198.51.100.11").then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void basicAcceptsAnyUserName() {
        String other = "Basic " + java.util.Base64.getEncoder()
                .encodeToString(("admin:" + TestAuth.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().header("Authorization", other).when().get("/api/v1/auth/session").then()
                .statusCode(200).body("method", equalTo("basic"));
    }

    @Test
    void loginSetsAHardenedSessionCookieThatAuthenticates() {
        Response r = login(TestAuth.PASSWORD, "198.51.100.20");
        r.then().statusCode(204);
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith(SessionCookies.NAME + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain http: no Secure flag, or the browser drops it");
        String token = r.cookie(SessionCookies.NAME);
        assertEquals(43, token.length(), "32 random bytes");

        given().cookie(SessionCookies.NAME, token).when().get("/api/v1/auth/session").then()
                .statusCode(200).body("method", equalTo("cookie"));
        given().cookie(SessionCookies.NAME, token).when().get("/api/v1/version").then().statusCode(200);
    }

    @Test
    void cookieIsSecureWhenTheBrowserUsedHttpsThroughATrustedProxy() {
        Response r = given().header("X-Forwarded-For", "198.51.100.21").header("X-Forwarded-Proto", "https")
                .header("Origin", "https://localhost:" + io.restassured.RestAssured.port)
                .contentType("application/json").body(Map.of("password", TestAuth.PASSWORD))
                .when().post(LOGIN);
        r.then().statusCode(204);
        assertTrue(r.header("Set-Cookie").contains("; Secure"), r.header("Set-Cookie"));
    }

    @Test
    void aConfiguredPasswordCannotBeChangedThroughTheApi() {
        TestAuth.authed().when().get("/api/v1/auth/session").then().statusCode(200)
                .body("passwordChangeable", org.hamcrest.Matchers.equalTo(false));
        TestAuth.authed().contentType("application/json")
                .body(Map.of("current", TestAuth.PASSWORD, "password", "another-password-1"))
                .when().post("/api/v1/auth/password").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.equalTo("password_configured"))
                .body("field", org.hamcrest.Matchers.equalTo("password"));
        TestAuth.authed().contentType("application/json").body(Map.of("current", TestAuth.PASSWORD, "password", "short"))
                .when().post("/api/v1/auth/password").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("password"));
        given().contentType("application/json").body(Map.of("current", TestAuth.PASSWORD, "password", "another-password-1"))
                .when().post("/api/v1/auth/password").then().statusCode(401);
    }

    @Test
    void sessionEndpointAnswers401WithoutLoginAndLogoutEndsTheSession() {
        given().when().get("/api/v1/auth/session").then().statusCode(401);
        String token = login(TestAuth.PASSWORD, "198.51.100.22").cookie(SessionCookies.NAME);
        String origin = "http://localhost:" + io.restassured.RestAssured.port;

        Response out = given().cookie(SessionCookies.NAME, token).header("Origin", origin)
                .when().post("/api/v1/auth/logout");
        out.then().statusCode(204);
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));

        given().cookie(SessionCookies.NAME, token).when().get("/api/v1/auth/session").then()
                .statusCode(401).body("message", equalTo("session expired; log in again"));
    }

    @Test
    void apiTokensWorkAsBearerUntilRevoked() {
        Response created = TestAuth.authed().contentType("application/json").body(Map.of("label", "nightly"))
                .when().post("/api/v1/auth/tokens");
        created.then().statusCode(201).body("label", equalTo("nightly"));
        String token = created.path("token");
        String id = created.path("id");
        assertTrue(token.startsWith("bqt_"), token);

        given().header("Authorization", "Bearer " + token).when().get("/api/v1/version").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/auth/tokens").then()
                .statusCode(200).body("id", hasItem(id)).body("token", not(hasItem(token)));

        given().header("Authorization", "Bearer " + token).when().delete("/api/v1/auth/tokens/" + id)
                .then().statusCode(204);
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/version").then()
                .statusCode(401).body("message", equalTo("unknown or revoked API token"));
        given().header("Authorization", "Bearer " + TestAuth.PASSWORD).when().get("/api/v1/version").then()
                .statusCode(401);
    }

    @Test
    void malformedCredentialsAre401Or400() {
        given().header("Authorization", "Basic !!!").when().get("/api/v1/version").then().statusCode(401)
                .body("message", equalTo("malformed Basic credentials"));
        given().header("Authorization", "Digest x").when().get("/api/v1/version").then().statusCode(401);
        given().contentType("application/json").body("{}").when().post(LOGIN).then().statusCode(400)
                .body("error", equalTo("bad_request"));
    }

    @Test
    void bruteForceGets429WithRetryAfterThenABan() {
        String attacker = "203.0.113.66";
        for (int i = 0; i < 5; i++) {
            login("guess-" + i, attacker).then().statusCode(401);
        }
        Response limited = login("guess-5", attacker);
        limited.then().statusCode(429).body("error", equalTo("too_many_attempts"));
        int retry = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);

        String last = null;
        for (int i = 0; i < 20 && !"banned".equals(last); i++) {
            Response r = login("guess-x" + i, attacker);
            r.then().statusCode(429);
            last = r.path("error");
        }
        assertEquals("banned", last, "hammering through the 429s ends in a ban");

        Response right = login(TestAuth.PASSWORD, attacker);
        right.then().statusCode(429).body("error", equalTo("banned"));
        assertTrue(Integer.parseInt(right.header("Retry-After")) > 800, "banned for about 15 minutes");
        given().header("Authorization", TestAuth.basic()).header("X-Forwarded-For", attacker)
                .when().get("/api/v1/version").then().statusCode(429).body("error", equalTo("banned"));

        login(TestAuth.PASSWORD, "203.0.113.67").then().statusCode(204);
    }

    @Test
    void forwardedForFromAnUntrustedHopDoesNotDodgeTheLimiter() {
        // The test profile trusts only loopback: a forged chain ends at the first untrusted hop.
        String attacker = "203.0.113.70";
        for (int i = 0; i < 5; i++) {
            login("guess-" + i, "10.9.9.9, " + attacker).then().statusCode(401);
        }
        login("guess", "10.9.9.10, " + attacker).then().statusCode(429);
    }
}
