package dev.bitquark.app.ws;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * After a request that changed torrents or the session succeeded (any method but GET and HEAD
 * under {@code /api/v1/torrents}, {@code /api/v1/session} and {@code /api/v1/settings}), the live
 * updates sample the engine at once ({@link EventHub#sampleSoon}): the browser shows the result of
 * a click within milliseconds, as qBittorrent's and Transmission's UIs refresh after an action,
 * instead of up to an events interval later. Stateless.
 */
public class SampleAfterChange {
    private final EventsService events;

    SampleAfterChange(EventsService events) {
        this.events = events;
    }

    @ServerResponseFilter
    public void afterChange(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || response.getStatus() >= 300) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/v1/torrents") || path.startsWith("/api/v1/session")
                || path.startsWith("/api/v1/settings")) {
            events.hub().sampleSoon();
        }
    }
}
