package dev.bitquark.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on 127.0.0.1 (JDK {@code com.sun.net.httpserver}) for tracker tests: each path
 * gets a handler; every request is recorded with its query parameters and headers.
 */
public final class FakeHttpTracker implements AutoCloseable {
    /** One request as the server saw it. */
    public record Request(String path, Map<String, String> params, String userAgent, String acceptEncoding, long nanos) {
        public String event() {
            return params.getOrDefault("event", "");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeHttpTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(new Request(exchange.getRequestURI().getPath(), params(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRequestHeaders().getFirst("Accept-Encoding"), System.nanoTime()));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    /** Serves {@code body} with status 200 to every request on {@code path}. */
    public void respond(String path, byte[] body) {
        handle(path, exchange -> send(exchange, 200, body));
    }

    public List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Query parameters, percent-decoded as ISO-8859-1 so binary values keep one char per byte. */
    static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(key, java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
