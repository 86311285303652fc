package dev.bitquark.app.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Single-page app routing: a browser that reloads {@code /torrents/abc} must get the UI's
 * {@code index.html}, so GET requests for paths outside {@code /api} and {@code /q} that do not
 * name a file (no dot in the last segment) are rerouted to {@code /}. Transmission's RPC paths are not UI routes:
 * a GET there is Sonarr's handshake, answered by the RPC.
 */
@ApplicationScoped
public class SpaFallback {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (isUiRoute(rc.request().method().name(), path)) {
                rc.reroute("/");
            } else {
                rc.next();
            }
        }, 100);
    }

    public static boolean isUiRoute(String method, String path) {
        if (!"GET".equals(method) || path == null || path.equals("/")) {
            return false;
        }
        if (path.equals("/api") || path.startsWith("/api/") || path.equals("/q") || path.startsWith("/q/")) {
            return false;
        }
        if (dev.bitquark.app.security.PathRules.surface(path) != dev.bitquark.app.security.PathRules.Surface.OWN) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
