package dev.bitquark.app.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /api/v1/dht/stats}. The DHT (BEP 5) is not implemented yet, so this answers honestly
 * that it is off, with the shape a future DHT will fill, rather than 404 (clients can probe it).
 * Stateless.
 */
@Path("/api/v1/dht")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dht")
public class DhtResource {
    static final DhtStatsDto NOT_IMPLEMENTED = new DhtStatsDto(false, "not-implemented", 0, 0, 0,
            "the DHT (BEP 5) is not implemented in this version: peers come from trackers and from peers given "
                    + "when a torrent is added");

    @GET
    @Path("/stats")
    @Operation(summary = "DHT state: not implemented yet, so always {\"enabled\":false,\"state\":\"not-implemented\"} "
            + "with zero nodes")
    public Uni<DhtStatsDto> stats() {
        return Uni.createFrom().item(NOT_IMPLEMENTED);
    }

    /**
     * @param state {@code not-implemented} in this version
     * @param nodes nodes in the routing table (BEP 5)
     * @param buckets routing table buckets
     * @param torrents torrents announced on the DHT
     */
    public record DhtStatsDto(boolean enabled, String state, int nodes, int buckets, int torrents,
                              @Schema(nullable = true) String message) {
    }
}
