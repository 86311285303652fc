package dev.bitquark.app.api;

import dev.bitquark.engine.TorrentHandle;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Torrents of the session: list, inspect, remove, and the lifecycle actions on one torrent. Adding
 * is {@link TorrentAddResource}; details, settings and bulk actions have their own resources. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentsResource {
    private final TorrentLookup torrents;
    private final TorrentListJson rows;

    TorrentsResource(TorrentLookup torrents, TorrentListJson rows) {
        this.torrents = torrents;
        this.rows = rows;
    }

    /**
     * The states {@code ?state=} knows: the engine's states, plus {@code downloading} and {@code seeding}, the two
     * halves of {@code live} that the session stats count.
     */
    static final List<String> STATES = List.of("metadata", "checking", "live", "downloading", "seeding", "paused",
            "error");

    @GET
    @Operation(summary = "All torrents with their stats; ?state=metadata|checking|live|downloading|seeding|paused|error"
            + " filters (several: comma-separated; downloading and seeding are live torrents not finished and finished)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = TorrentDto.class)))
    public Uni<Response> list(@QueryParam("state") String state) {
        Set<String> wanted = states(state);
        var session = torrents.session();
        // One hop onto the engine context for every torrent, all taken at the same instant (libtorrent's
        // get_torrent_status); torrents the session does not hold (being added, or removed meanwhile) are left out.
        // Rows of torrents that did not change since the last list are not serialized again (TorrentListJson).
        return TorrentLookup.uni(torrents.engine().snapshot(List.of())).map(snap -> {
            rows.retain(snap.torrents());
            List<TorrentListJson.Row> list = snap.torrents().stream()
                    .filter(s -> session.handle(s.infoHash()) != null)
                    .map(rows::row)
                    .filter(r -> wanted == null || matches(r.dto(), wanted))
                    .sorted(Comparator.comparing((TorrentListJson.Row r) -> r.dto().name())).toList();
            return Response.ok(TorrentListJson.array(list), MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    /** The states asked for, or null for all; an unknown one is a 400 listing the valid ones. */
    private static Set<String> states(String param) {
        if (param == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : param.split(",", -1)) {
            String s = part.strip().toLowerCase(Locale.ROOT);
            if (!STATES.contains(s)) {
                throw ApiException.badRequest("bad_state", "unknown state '" + FilePriorityChange.clip(part.strip())
                        + "'; valid states: " + String.join(", ", STATES));
            }
            out.add(s);
        }
        return out;
    }

    private static boolean matches(TorrentDto t, Set<String> wanted) {
        if (wanted.contains(t.state())) {
            return true;
        }
        boolean live = t.state().equals("live");
        return live && wanted.contains(t.finished() ? "seeding" : "downloading");
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One torrent with its stats")
    public Uni<TorrentDto> get(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).stats()).map(TorrentDto::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a torrent; ?deleteFiles=true also deletes its files (and only them); a value that"
            + " is not true/false (1/0, on/off) is a 400")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> remove(@PathParam("id") String id, @QueryParam("deleteFiles") String deleteFilesParam) {
        // Text, not boolean: JAX-RS would read "yes" or "maybe" as false and keep files the user meant to delete.
        boolean deleteFiles = AddOptions.bool("deleteFiles", deleteFilesParam);
        TorrentHandle h = torrents.handle(id);
        return TorrentLookup.uni(torrents.session().remove(h.infoHash(), deleteFiles))
                .onFailure().transform(t -> new ApiException(500, "files_not_deleted",
                        TorrentLookup.unwrap(t).getMessage()))
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause: close connections, announce stopped")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> pause(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).pause()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused torrent, or retry one in error")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> resume(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).resume()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/recheck")
    @Operation(summary = "Verify every piece on disk again")
    @APIResponse(responseCode = "202", description = "The check has started")
    public Uni<Response> recheck(@PathParam("id") String id) {
        TorrentHandle h = torrents.handle(id);
        h.recheck();
        return Uni.createFrom().item(Response.accepted().build());
    }

    @POST
    @Path("/{id}/reannounce")
    @Operation(summary = "Announce to the trackers now")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> reannounce(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).reannounce()).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/files")
    @Operation(summary = "Files with size, verified bytes, progress and priority")
    public Uni<List<FileDto>> files(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).fileStats()).map(l -> l.stream().map(FileDto::of).toList());
    }

    @GET
    @Path("/{id}/peers")
    @Operation(summary = "Connected peers with flags, rates and totals")
    public Uni<List<PeerDto>> peers(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).peerStats()).map(l -> l.stream().map(PeerDto::of).toList());
    }
}
