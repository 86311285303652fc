package dev.bitquark.app.api;

import dev.bitquark.app.session.Session;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.InfoHash;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import jakarta.ws.rs.Consumes;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Torrents of the session: list, add (.torrent body), inspect, and the lifecycle actions. */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentsResource {
    private final SessionService sessions;

    TorrentsResource(SessionService sessions) {
        this.sessions = sessions;
    }

    private Session session() {
        return session(sessions);
    }

    /** The restored session; 503 while it is being restored. */
    static Session session(SessionService sessions) {
        Session s = sessions.session();
        if (s == null) {
            throw new ApiException(503, "starting", "the session is still being restored");
        }
        return s;
    }

    private TorrentHandle handle(String id) {
        return handle(sessions, id);
    }

    /** The torrent with info-hash {@code id} (40 hex digits); 404 if there is none. */
    static TorrentHandle handle(SessionService sessions, String id) {
        InfoHash h;
        try {
            h = InfoHash.fromHex(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no torrent " + id + " (ids are 40-hex info-hashes)");
        }
        TorrentHandle handle = session(sessions).handle(h);
        if (handle == null) {
            throw ApiException.notFound("no torrent " + id);
        }
        return handle;
    }

    static <T> Uni<T> uni(Future<T> f) {
        return Uni.createFrom().completionStage(f.toCompletionStage());
    }

    @GET
    @Operation(summary = "All torrents with their stats; ?state=checking|live|paused|error filters")
    public Uni<List<TorrentDto>> list(@QueryParam("state") String state) {
        List<Uni<TorrentDto>> all = new ArrayList<>();
        for (TorrentHandle h : session().handles()) {
            all.add(uni(h.stats()).map(TorrentDto::of));
        }
        if (all.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(all).andCollectFailures().map(list -> list.stream()
                .filter(t -> state == null || t.state().equals(state.toLowerCase(Locale.ROOT)))
                .sorted(java.util.Comparator.comparing(TorrentDto::name)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One torrent with its stats")
    public Uni<TorrentDto> get(@PathParam("id") String id) {
        return uni(handle(id).stats()).map(TorrentDto::of);
    }

    @POST
    @Consumes("application/x-bittorrent")
    @Operation(summary = "Add a torrent from a .torrent body; ?paused, ?outputFolder, ?sequential")
    public Uni<Response> add(byte[] body, @QueryParam("paused") @DefaultValue("false") boolean paused,
                             @QueryParam("outputFolder") String outputFolder,
                             @QueryParam("sequential") @DefaultValue("false") boolean sequential) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("bad_torrent", "empty body: send the .torrent file");
        }
        TorrentOptions options;
        try {
            options = TorrentOptions.defaults(sessions.downloadDir(outputFolder));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_folder", e.getMessage());
        }
        return Uni.createFrom().completionStage(session().add(body, options))
                .onFailure().transform(TorrentsResource::mapAddFailure)
                .flatMap(h -> (paused ? uni(h.pause()) : Uni.createFrom().voidItem()).flatMap(v -> uni(h.stats())))
                .map(s -> Response.created(URI.create("/api/v1/torrents/" + s.infoHash().toHex()))
                        .entity(TorrentDto.of(s)).build());
    }

    private static Throwable mapAddFailure(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof BadTorrentException) {
            return ApiException.badRequest("bad_torrent", c.getMessage());
        }
        return c;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a torrent; ?deleteFiles=true also deletes its files (and only them)")
    public Uni<Response> remove(@PathParam("id") String id,
                                @QueryParam("deleteFiles") @DefaultValue("false") boolean deleteFiles) {
        TorrentHandle h = handle(id);
        return Uni.createFrom().completionStage(session().remove(h.infoHash(), deleteFiles))
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause: close connections, announce stopped")
    public Uni<Response> pause(@PathParam("id") String id) {
        return uni(handle(id).pause()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused torrent, or retry one in error")
    public Uni<Response> resume(@PathParam("id") String id) {
        return uni(handle(id).resume()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/recheck")
    @Operation(summary = "Verify every piece on disk again")
    public Uni<Response> recheck(@PathParam("id") String id) {
        TorrentHandle h = handle(id);
        h.recheck();
        return Uni.createFrom().item(Response.accepted().build());
    }

    @POST
    @Path("/{id}/reannounce")
    @Operation(summary = "Announce to the trackers now")
    public Uni<Response> reannounce(@PathParam("id") String id) {
        return uni(handle(id).reannounce()).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/files")
    @Operation(summary = "Files with size, verified bytes, progress and priority")
    public Uni<List<dev.bitquark.engine.FileStats>> files(@PathParam("id") String id) {
        return uni(handle(id).fileStats());
    }

    @GET
    @Path("/{id}/peers")
    @Operation(summary = "Connected peers with flags, rates and totals")
    public Uni<List<dev.bitquark.engine.PeerStats>> peers(@PathParam("id") String id) {
        return uni(handle(id).peerStats());
    }
}
