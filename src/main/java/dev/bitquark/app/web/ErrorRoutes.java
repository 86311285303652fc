package dev.bitquark.app.web;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Errors that happen outside the REST resources, answered in the API's error form {@code {"error","message"}}:
 * <ul>
 *   <li>an HTTP/1.x request without a {@code Host} header (RFC 9112 3.2: a server MUST answer 400). Vert.x refuses
 *       it before any route runs; without this it became a generic error page and one ERROR line per request, so
 *       anyone could fill the log without logging in. Now: 400 JSON, a DEBUG line.</li>
 *   <li>a path under {@code /api} that no resource serves: 404 JSON (not the HTML page of the web server).</li>
 *   <li>any other failure of an {@code /api} request that escaped its resource: 500 JSON with an error id that the
 *       ERROR log line (with the stack) repeats, and no stack in the answer.</li>
 * </ul>
 * Stateless.
 */
@ApplicationScoped
public class ErrorRoutes {
    private static final Logger LOG = Logger.getLogger(ErrorRoutes.class);

    void register(@Observes Router router) {
        // Failure handlers run in route order, before the web server's own (registered last).
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        // After every other route: the REST layer calls next() for paths it has no resource for.
        router.route("/api/*").order(Integer.MAX_VALUE - 10).handler(ErrorRoutes::notFound);
    }

    void failed(RoutingContext rc) {
        HttpServerResponse r = rc.response();
        if (r.ended() || r.closed()) {
            return;
        }
        if (rc.statusCode() == 400 && missingHost(rc)) {
            LOG.debugf("refused an %s request without a Host header from %s", rc.request().version(),
                    rc.request().remoteAddress());
            answer(r.putHeader("Connection", "close"), 400, "bad_request",
                    "an HTTP/1.1 request must name the server in a Host header");
            return;
        }
        String path = rc.normalizedPath();
        if (path == null || !(path.equals("/api") || path.startsWith("/api/"))) {
            rc.next();
            return;
        }
        int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
        if (status >= 500) {
            String id = UUID.randomUUID().toString();
            LOG.errorf(rc.failure(), "%s %s failed (error id %s)", rc.request().method(), path, id);
            answer(r, status, "internal", "internal error (id " + id + "; the server log has the details)");
        } else {
            answer(r, status, "bad_request", rc.failure() == null || rc.failure().getMessage() == null
                    ? "the request cannot be served" : rc.failure().getMessage());
        }
    }

    /** Vert.x fails the routing of an HTTP/1.x request without Host with 400 and this exception. */
    private static boolean missingHost(RoutingContext rc) {
        Throwable f = rc.failure();
        HttpVersion v = rc.request().version();
        return f instanceof VertxException && f.getMessage() != null && f.getMessage().contains("'Host' header")
                && (v == HttpVersion.HTTP_1_0 || v == HttpVersion.HTTP_1_1);
    }

    static void notFound(RoutingContext rc) {
        HttpServerResponse r = rc.response();
        if (r.ended() || r.closed()) {
            return;
        }
        String path = rc.normalizedPath();
        String shown = path.length() > 100 ? path.substring(0, 100) + "…" : path;
        answer(r, 404, "not_found", "no API endpoint " + rc.request().method() + " " + shown.replaceAll("\\p{Cntrl}", "?")
                + " (the API is described at /q/openapi)");
    }

    private static void answer(HttpServerResponse r, int status, String code, String message) {
        r.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }
}
