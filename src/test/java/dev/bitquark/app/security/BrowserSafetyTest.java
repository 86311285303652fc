package dev.bitquark.app.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DNS rebinding, CSRF, cross-site WebSocket hijacking and the headers every page carries. */
@QuarkusTest
class BrowserSafetyTest {
    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    Vertx vertx;

    static String origin() {
        return "http://localhost:" + RestAssured.port;
    }

    static String sessionCookie(String clientIp) {
        return given().header("X-Forwarded-For", clientIp).contentType("application/json")
                .body(Map.of("password", TestAuth.PASSWORD)).when().post(PathRules.LOGIN)
                .then().statusCode(204).extract().cookie(SessionCookies.NAME);
    }

    /** One raw HTTP exchange; returns the status line and headers. */
    static String raw(String request) throws Exception {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = in.readNBytes(4096);
            return new String(buf, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void foreignHostIsMisdirectedEvenWithCredentials() {
        for (String path : new String[] {"/", "/api/v1/version", "/q/health/ready", "/api/v1/auth/session"}) {
            TestAuth.authed().header("Host", "evil.example").when().get(path).then()
                    .statusCode(421).body("error", equalTo("host_not_allowed"));
        }
        TestAuth.authed().header("Host", "evil.example").contentType("application/json").body("{}")
                .when().post("/api/v1/auth/tokens").then().statusCode(421);
    }

    @Test
    void ipLiteralAndLocalhostHostsAreServed() {
        TestAuth.authed().header("Host", "127.0.0.1:" + RestAssured.port).when().get("/api/v1/version")
                .then().statusCode(200);
        TestAuth.authed().header("Host", "[::1]:" + RestAssured.port).when().get("/api/v1/version")
                .then().statusCode(200);
        TestAuth.authed().header("Host", "localhost").when().get("/api/v1/version").then().statusCode(200);
    }

    @Test
    void missingHostIsMisdirected() throws Exception {
        String http10 = raw("GET /api/v1/version HTTP/1.0\r\nAuthorization: " + TestAuth.basic() + "\r\n\r\n");
        assertTrue(http10.startsWith("HTTP/1.0 421") || http10.startsWith("HTTP/1.1 421"), http10);
        String http11 = raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        // HTTP/1.1 without Host is malformed (RFC 9112 section 3.2): Vert.x refuses it with 400 before routing.
        assertTrue(http11.startsWith("HTTP/1.1 400"), http11);
    }

    @Test
    void crossOriginPostWithCookieIsForbidden() {
        String cookie = sessionCookie("198.51.100.30");
        given().cookie(SessionCookies.NAME, cookie).header("Origin", "https://evil.example")
                .contentType("application/json").body(Map.of("label", "x"))
                .when().post("/api/v1/auth/tokens").then()
                .statusCode(403).body("error", equalTo("origin_mismatch"));
        // A text/plain "simple" form post is refused the same way.
        given().cookie(SessionCookies.NAME, cookie).header("Origin", "null")
                .contentType("text/plain").body("{\"label\":\"x\"}")
                .when().post("/api/v1/auth/tokens").then().statusCode(403);
        given().cookie(SessionCookies.NAME, cookie).header("Origin", origin())
                .contentType("application/json").body(Map.of("label", "same-origin"))
                .when().post("/api/v1/auth/tokens").then().statusCode(201);
    }

    @Test
    void cookieStateChangeWithoutOriginIsForbiddenButScriptsMayOmitIt() {
        String cookie = sessionCookie("198.51.100.31");
        given().cookie(SessionCookies.NAME, cookie).contentType("application/json").body(Map.of("label", "x"))
                .when().post("/api/v1/auth/tokens").then()
                .statusCode(403).body("error", equalTo("origin_required"));
        TestAuth.authed().contentType("application/json").body(Map.of("label", "script"))
                .when().post("/api/v1/auth/tokens").then().statusCode(201);
    }

    @Test
    void crossOriginLoginAndBasicStateChangesAreForbiddenToo() {
        given().header("Origin", "https://evil.example").contentType("application/json")
                .body(Map.of("password", TestAuth.PASSWORD)).when().post(PathRules.LOGIN)
                .then().statusCode(403);
        TestAuth.authed().header("Origin", "https://evil.example").contentType("application/json")
                .body(Map.of("label", "x")).when().post("/api/v1/auth/tokens").then().statusCode(403);
    }

    @Test
    void crossSiteFetchMetadataIsRefused() {
        TestAuth.authed().header("Sec-Fetch-Site", "cross-site").when().get("/api/v1/version").then()
                .statusCode(403).body("error", equalTo("cross_site"));
        TestAuth.authed().header("Sec-Fetch-Site", "same-origin").when().get("/api/v1/version").then()
                .statusCode(200);
        // Following a link from another site to the UI is fine (200, or 404 in a build without the UI).
        given().header("Sec-Fetch-Site", "cross-site").when().get("/").then().statusCode(not(403));
    }

    @Test
    void everyResponseCarriesAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/", "/torrents/0123", "/api/v1/version", "/q/health/live", "/does-not-exist.js"}) {
            String csp = given().when().get(path).then().extract().header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("default-src 'self'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'")
                    && csp.contains("base-uri 'none'"), csp);
        }
        given().when().get("/").then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
        given().header("Host", "evil.example").when().get("/").then()
                .statusCode(421).header("Content-Security-Policy", not(containsString("unsafe-inline")));
    }

    @Test
    void swaggerUiAloneGetsItsLooserPolicy() {
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void healthAndMetricsStayOpenForProbesAndScrapers() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void crossOriginWebSocketUpgradeIsForbidden() throws Exception {
        Throwable t = upgrade(Map.of("Authorization", TestAuth.basic(), "Origin", "https://evil.example"));
        UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, t);
        assertEquals(403, rejected.getStatus());
    }

    @Test
    void webSocketUpgradeNeedsALogin() throws Exception {
        Throwable t = upgrade(Map.of("Origin", origin()));
        assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, t).getStatus());
    }

    @Test
    void sameOriginWebSocketUpgradeWithTheSessionCookieSwitchesProtocols() throws Exception {
        String cookie = sessionCookie("198.51.100.32");
        assertEquals(null, upgrade(Map.of("Cookie", SessionCookies.NAME + "=" + cookie, "Origin", origin())));
        Throwable noOrigin = upgrade(Map.of("Cookie", SessionCookies.NAME + "=" + cookie));
        assertEquals(403, assertInstanceOf(UpgradeRejectedException.class, noOrigin).getStatus());
    }

    /** Null when the server switched protocols (101), else why it refused. */
    private Throwable upgrade(Map<String, String> headers) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions o = new WebSocketConnectOptions()
                    .setHost(events.getHost()).setPort(events.getPort()).setURI(events.getPath());
            headers.forEach(o::addHeader);
            // Vert.x adds a same-origin Origin header unless told not to; scripts send none.
            o.setAllowOriginHeader(headers.containsKey("Origin"));
            CompletableFuture<WebSocket> f = client.connect(o).toCompletionStage().toCompletableFuture();
            try {
                WebSocket ws = f.get(10, TimeUnit.SECONDS);
                ws.close();
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            }
        } finally {
            client.close();
        }
    }
}
