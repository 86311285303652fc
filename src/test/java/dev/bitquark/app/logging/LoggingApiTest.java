package dev.bitquark.app.logging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoggingApiTest {
    @TestHTTPResource("/api/v1/logs")
    URI logs;

    @Inject
    Vertx vertx;

    @Test
    void levelChangeIsVisibleThroughGet() {
        String category = "dev.bitquark.test.levels";
        TestAuth.authed().contentType("application/json").body(Map.of("category", category, "level", "debug"))
                .when().put("/api/v1/logging").then()
                .statusCode(200).body("level", equalTo("DEBUG")).body("effectiveLevel", equalTo("DEBUG"));

        TestAuth.authed().queryParam("category", category).when().get("/api/v1/logging").then()
                .statusCode(200).body("level", equalTo("DEBUG"));
        TestAuth.authed().when().get("/api/v1/logging").then().statusCode(200)
                .body("categories.category", hasItem(category))
                .body("categories.find { it.category == '' }.level", equalTo("INFO"))
                .body("minLevel", equalTo("DEBUG"));
        assertTrue(Logger.getLogger(category).isDebugEnabled(), "the logger itself follows the change");
        assertTrue(Logger.getLogger(category + ".child").isDebugEnabled(), "and so do its children");

        TestAuth.authed().contentType("application/json").body("{\"category\":\"" + category + "\",\"level\":null}")
                .when().put("/api/v1/logging").then()
                .statusCode(200).body("level", nullValue()).body("effectiveLevel", equalTo("INFO"));
    }

    @Test
    void unknownLevelsAndBadCategoriesAre400WithAReason() {
        TestAuth.authed().contentType("application/json").body(Map.of("category", "dev.bitquark", "level", "LOUD"))
                .when().put("/api/v1/logging").then()
                .statusCode(400).body("error", equalTo("bad_request"))
                .body("message", containsString("'LOUD' is not one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL"));
        TestAuth.authed().contentType("application/json").body(Map.of("category", "dev bitquark", "level", "INFO"))
                .when().put("/api/v1/logging").then()
                .statusCode(400).body("message", containsString("position 3"));
        TestAuth.authed().contentType("application/json").body(Map.of("category", "", "level", ""))
                .when().put("/api/v1/logging").then()
                .statusCode(400).body("message", containsString("root category needs a level"));
        TestAuth.authed().contentType("application/json").body(Map.of("level", "INFO"))
                .when().put("/api/v1/logging").then().statusCode(400);
    }

    /** Regression: unknown keys were accepted (and ignored) while every other PUT refuses them. */
    @Test
    void unknownFieldsAreRefusedLikeEverywhereElse() {
        TestAuth.authed().contentType("application/json")
                .body("{\"category\":\"dev.bitquark\",\"level\":\"INFO\",\"levle\":\"DEBUG\"}")
                .when().put("/api/v1/logging").then()
                .statusCode(400).body("error", equalTo("unknown_field"))
                .body("message", containsString("\"levle\""))
                .body("message", containsString("category, level"));
        TestAuth.authed().contentType("application/json").body("{\"category\":7,\"level\":\"INFO\"}")
                .when().put("/api/v1/logging").then()
                .statusCode(400).body("message", containsString("\"category\" must be a string"));
    }

    /**
     * Regression: the tail said "FINE" for lines of a category set to DEBUG (parts of the server log through
     * java.util.logging); what is set and what is shown use one vocabulary.
     */
    @Test
    void theTailNamesLevelsAsTheApiDoes() throws Exception {
        String category = "dev.bitquark.test.vocabulary";
        TestAuth.authed().contentType("application/json").body(Map.of("category", category, "level", "DEBUG"))
                .when().put("/api/v1/logging").then().statusCode(200).body("level", equalTo("DEBUG"));
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(category);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            // With a backlog: a line logged while the server still registers the socket comes with it.
            ClientWebSocket ws = tail(client, frames, 50);
            String fine = "fine-" + UUID.randomUUID();
            jul.fine(fine);
            assertEquals("DEBUG", await(frames, fine).getString("level"));
            String severe = "severe-" + UUID.randomUUID();
            jul.severe(severe);
            assertEquals("ERROR", await(frames, severe).getString("level"));
            ws.close();
        } finally {
            client.close();
            TestAuth.authed().contentType("application/json").body("{\"category\":\"" + category + "\",\"level\":null}")
                    .when().put("/api/v1/logging").then().statusCode(200);
        }
    }

    @Test
    void loggingApiNeedsALogin() {
        given().when().get("/api/v1/logging").then().statusCode(401);
        given().contentType("application/json").body(Map.of("category", "x", "level", "OFF"))
                .when().put("/api/v1/logging").then().statusCode(401);
    }

    @Test
    void logTailSendsTheBacklogThenLinesLoggedAfterConnecting() throws Exception {
        Logger log = Logger.getLogger("dev.bitquark.test.tail");
        String before = "before-" + UUID.randomUUID();
        log.info(before);

        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            ClientWebSocket ws = tail(client, frames, 50);

            assertNotNull(await(frames, before), "the backlog holds the line logged before connecting");

            String after = "after-" + UUID.randomUUID();
            log.warnf("tail check %s", after);
            JsonObject line = await(frames, after);
            assertNotNull(line, "a line logged after connecting arrives");
            assertEquals("log", line.getString("type"));
            assertEquals("WARN", line.getString("level"));
            assertEquals("dev.bitquark.test.tail", line.getString("category"));
            assertEquals("tail check " + after, line.getString("message"));
            ws.close();
        } finally {
            client.close();
        }
    }

    @Test
    void logTailNeedsALogin() throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            Throwable t = client.connect(new WebSocketConnectOptions()
                            .setHost(logs.getHost()).setPort(logs.getPort()).setURI(logs.getPath()))
                    .toCompletionStage().toCompletableFuture()
                    .handle((ws, err) -> err).get(10, TimeUnit.SECONDS);
            assertEquals(401, ((io.vertx.core.http.UpgradeRejectedException) t).getStatus());
        } finally {
            client.close();
        }
    }

    /** The log tail, its frames into {@code frames}. */
    private ClientWebSocket tail(WebSocketClient client, BlockingQueue<String> frames, int lines) throws Exception {
        // The handler is set before connecting: the backlog may arrive with the upgrade response.
        ClientWebSocket ws = client.webSocket();
        ws.textMessageHandler(frames::add);
        ws.connect(new WebSocketConnectOptions()
                        .setHost(logs.getHost()).setPort(logs.getPort()).setURI(logs.getPath() + "?tail=" + lines)
                        .addHeader("Authorization", TestAuth.basic()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return ws;
    }

    private static JsonObject await(BlockingQueue<String> frames, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String f = frames.poll(200, TimeUnit.MILLISECONDS);
            if (f != null && f.contains(marker)) {
                return new JsonObject(f);
            }
        }
        return null;
    }
}
