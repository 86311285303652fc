package dev.bitquark.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.engine.TorrentHandle;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
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
 * One torrent's own settings, changed while it runs: its bandwidth limits (token buckets of their
 * own inside the session's; {@code PUT /api/v1/torrents/{id}/limits}), and with {@code PATCH
 * /api/v1/torrents/{id}} also its connection limit and sequential order. Every value is checked
 * before any applies; all are kept in the torrent's resume data. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentLimitsResource {
    /** What {@code PATCH /api/v1/torrents/{id}} changes. */
    static final Set<String> PATCH_KEYS = Set.of("downloadLimit", "uploadLimit", "maxConnections", "sequential");

    private final TorrentLookup torrents;

    TorrentLimitsResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    /** The checked values of one change; null fields are left as they are. */
    private record Change(Long down, Long up, Integer maxConnections, Boolean sequential) {
        static Change of(ObjectNode o) {
            return new Change(
                    o.has("downloadLimit") ? JsonBodies.integer(o, "downloadLimit", 0, AddOptions.MAX_RATE) : null,
                    o.has("uploadLimit") ? JsonBodies.integer(o, "uploadLimit", 0, AddOptions.MAX_RATE) : null,
                    o.has("maxConnections")
                            ? (int) JsonBodies.integer(o, "maxConnections", 1, AddOptions.MAX_CONNECTIONS) : null,
                    o.has("sequential") ? JsonBodies.bool(o, "sequential") : null);
        }
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
        return apply(h, Change.of(o));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change this torrent's settings: downloadLimit/uploadLimit (bytes/s, 0 = unlimited), "
            + "maxConnections (1..10000; a lower one closes the least useful connections at once), sequential "
            + "(true: pieces in order); keys left out stay; all are checked before any applies and kept across "
            + "restarts; answers the torrent")
    @RequestBody(description = "{\"sequential\": true, \"maxConnections\": 20}")
    public Uni<TorrentDto> patch(@PathParam("id") String id, String body) {
        TorrentHandle h = torrents.handle(id);
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyKeys(o, PATCH_KEYS, Set.of(), "");
        if (o.isEmpty()) {
            throw ApiException.badRequest("bad_setting", "give at least one of " + String.join(", ",
                    PATCH_KEYS.stream().sorted().toList()));
        }
        return apply(h, Change.of(o));
    }

    private Uni<TorrentDto> apply(TorrentHandle h, Change c) {
        Uni<Void> done = Uni.createFrom().voidItem();
        if (c.down() != null || c.up() != null) {
            done = TorrentLookup.uni(h.stats()).flatMap(s -> TorrentLookup.uni(h.setRateLimits(
                    c.down() != null ? c.down() : s.downloadLimit(), c.up() != null ? c.up() : s.uploadLimit())));
        }
        if (c.maxConnections() != null) {
            done = done.flatMap(v -> TorrentLookup.uni(h.setMaxConnections(c.maxConnections())));
        }
        if (c.sequential() != null) {
            done = done.flatMap(v -> TorrentLookup.uni(h.setSequential(c.sequential())));
        }
        return done.invoke(() -> torrents.session().markDirty(h.infoHash()))
                .flatMap(v -> TorrentLookup.uni(h.stats()))
                .map(TorrentDto::of);
    }
}
