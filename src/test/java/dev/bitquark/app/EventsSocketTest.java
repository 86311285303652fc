package dev.bitquark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsSocketTest {
    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    Vertx vertx;

    @Test
    void greetsEveryClientWithHello() throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        CompletableFuture<String> first = new CompletableFuture<>();
        client.connect(new WebSocketConnectOptions()
                        .setHost(events.getHost()).setPort(events.getPort()).setURI(events.getPath())
                        .addHeader("Authorization", TestAuth.basic()))
                .onSuccess(ws -> ws.textMessageHandler(first::complete))
                .onFailure(first::completeExceptionally);
        JsonObject hello = new JsonObject(first.get(10, TimeUnit.SECONDS));
        assertEquals("hello", hello.getString("type"));
        assertEquals("bitquark", hello.getString("name"));
        assertTrue(!hello.getString("version").isBlank());
        client.close();
    }
}
