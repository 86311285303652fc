package dev.bitquark.app.api;

import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.TorrentHandle;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Torrents of the session: list, inspect, remove, and the lifecycle actions on one torrent. Adding
 * is {@link TorrentAddResource}; details, settings and bulk actions have their own resources. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentsResource {
    private final TorrentLookup torrents;

    TorrentsResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    @GET
    @Operation(summary = "All torrents with their stats; ?state=metadata|checking|live|paused|error filters")
    public Uni<List<TorrentDto>> list(@QueryParam("state") String state) {
        List<Uni<TorrentDto>> all = new ArrayList<>();
        for (TorrentHandle h : torrents.session().handles()) {
            // A torrent removed meanwhile is left out rather than failing the whole list.
            all.add(TorrentLookup.uni(h.stats()).map(TorrentDto::of).onFailure().recoverWithNull());
        }
        if (all.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(all).andCollectFailures().map(list -> list.stream()
                .filter(t -> t != null && (state == null || t.state().equals(state.toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparing(TorrentDto::name)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One torrent with its stats")
    public Uni<TorrentDto> get(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).stats()).map(TorrentDto::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a torrent; ?deleteFiles=true also deletes its files (and only them)")
    public Uni<Response> remove(@PathParam("id") String id,
                                @QueryParam("deleteFiles") @DefaultValue("false") boolean deleteFiles) {
        TorrentHandle h = torrents.handle(id);
        return TorrentLookup.uni(torrents.session().remove(h.infoHash(), deleteFiles))
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause: close connections, announce stopped")
    public Uni<Response> pause(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).pause()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused torrent, or retry one in error")
    public Uni<Response> resume(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).resume()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/recheck")
    @Operation(summary = "Verify every piece on disk again")
    public Uni<Response> recheck(@PathParam("id") String id) {
        TorrentHandle h = torrents.handle(id);
        h.recheck();
        return Uni.createFrom().item(Response.accepted().build());
    }

    @POST
    @Path("/{id}/reannounce")
    @Operation(summary = "Announce to the trackers now")
    public Uni<Response> reannounce(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).reannounce()).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/files")
    @Operation(summary = "Files with size, verified bytes, progress and priority")
    public Uni<List<FileStats>> files(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).fileStats());
    }

    @GET
    @Path("/{id}/peers")
    @Operation(summary = "Connected peers with flags, rates and totals")
    public Uni<List<PeerStats>> peers(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).peerStats());
    }
}
