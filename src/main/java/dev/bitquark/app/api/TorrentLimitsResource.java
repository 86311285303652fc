package dev.bitquark.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.engine.TorrentHandle;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One torrent's bandwidth limits, changed while it runs ({@code PUT /api/v1/torrents/{id}/limits});
 * they are token buckets of their own inside the session's, and are kept in the torrent's resume
 * data. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentLimitsResource {
    private final TorrentLookup torrents;

    TorrentLimitsResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    @PUT
    @Path("/{id}/limits")
    @Operation(summary = "Set this torrent's limits in bytes/s (0 = unlimited, negative is refused); either key "
            + "may be left out; applied at once and kept across restarts; answers the torrent")
    @RequestBody(description = "{\"downloadLimit\": 1048576, \"uploadLimit\": 0}")
    public Uni<TorrentDto> setLimits(@PathParam("id") String id, String body) {
        TorrentHandle h = torrents.handle(id);
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyKeys(o, SessionResource.LIMIT_KEYS, Set.of(), "");
        if (o.isEmpty()) {
            throw ApiException.badRequest("bad_setting", "give downloadLimit and/or uploadLimit");
        }
        Long down = o.has("downloadLimit") ? JsonBodies.integer(o, "downloadLimit", 0, AddOptions.MAX_RATE) : null;
        Long up = o.has("uploadLimit") ? JsonBodies.integer(o, "uploadLimit", 0, AddOptions.MAX_RATE) : null;
        return TorrentLookup.uni(h.stats())
                .flatMap(s -> TorrentLookup.uni(h.setRateLimits(down != null ? down : s.downloadLimit(),
                        up != null ? up : s.uploadLimit())))
                .invoke(() -> torrents.session().markDirty(h.infoHash()))
                .flatMap(v -> TorrentLookup.uni(h.stats()))
                .map(TorrentDto::of);
    }
}
