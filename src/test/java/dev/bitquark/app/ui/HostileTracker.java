package dev.bitquark.app.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP tracker that refuses every announce with a failure reason holding markup: the hostile
 * input whose text the UI must show as text (UI spec 1.9, RELIABILITY.md). Loopback only.
 */
final class HostileTracker implements AutoCloseable {
    private final HttpServer http;

    private HostileTracker(HttpServer http) {
        this.http = http;
    }

    static HostileTracker start(String failureReason) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] reason = failureReason.getBytes(StandardCharsets.UTF_8);
        byte[] body = ("d14:failure reason" + reason.length + ":" + failureReason + "e").getBytes(StandardCharsets.UTF_8);
        http.createContext("/announce", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return new HostileTracker(http);
    }

    String announceUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/announce";
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
