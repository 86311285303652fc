package dev.bitquark.app.api;

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
    private final TorrentLookup torrents;

    TorrentLimitsResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    @PUT
    @Path("/{id}/limits")
    @Operation(summary = "Set this torrent's limits in bytes/s (0 = unlimited, negative is refused); either key "
            + "may be left out; applied at once and kept across restarts; answers the torrent")
    public Uni<TorrentDto> setLimits(@PathParam("id") String id, LimitsChange body) {
        return apply(torrents.handle(id), TorrentChange.of(body));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change this torrent's settings: downloadLimit/uploadLimit (bytes/s, 0 = unlimited), "
            + "maxConnections (1..10000; a lower one closes the least useful connections at once), sequential "
            + "(true: pieces in order), category (must exist; \"\" or null: none), tags (replace its tags), "
            + "seedGoals ({ratio, seedingMinutes, idleMinutes}: -2 the session's, -1 none), forced (runs whatever "
            + "the queue); keys left out stay; all are checked before any applies and kept across restarts; answers "
            + "the torrent")
    public Uni<TorrentDto> patch(@PathParam("id") String id, TorrentChange body) {
        return apply(torrents.handle(id), body);
    }

    /** A category that does not exist is a 409 naming it. */
    static Throwable conflict(Throwable t) {
        Throwable c = TorrentLookup.unwrap(t);
        return c instanceof dev.bitquark.app.session.Library.Conflict
                ? new ApiException(409, "no_category", c.getMessage()) : t;
    }

    private Uni<TorrentDto> apply(TorrentHandle h, TorrentChange c) {
        Uni<Void> done = Uni.createFrom().voidItem();
        if (c.downloadLimit() != null || c.uploadLimit() != null) {
            done = TorrentLookup.uni(h.stats()).flatMap(s -> TorrentLookup.uni(h.setRateLimits(
                    c.downloadLimit() != null ? c.downloadLimit() : s.downloadLimit(), c.uploadLimit() != null ? c.uploadLimit() : s.uploadLimit())));
        }
        if (c.maxConnections() != null) {
            done = done.flatMap(v -> TorrentLookup.uni(h.setMaxConnections(c.maxConnections())));
        }
        if (c.sequential() != null) {
            done = done.flatMap(v -> TorrentLookup.uni(h.setSequential(c.sequential())));
        }
        if (c.changesPolicy()) {
            done = done.flatMap(v -> Uni.createFrom().completionStage(() -> torrents.session().library()
                    .change(java.util.List.of(h), c::apply))).onFailure().transform(TorrentLimitsResource::conflict);
        }
        return done.invoke(() -> torrents.session().markDirty(h.infoHash()))
                .flatMap(v -> TorrentLookup.uni(h.stats()))
                .map(TorrentDto::of);
    }
}
