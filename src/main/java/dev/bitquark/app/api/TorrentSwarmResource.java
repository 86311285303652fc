package dev.bitquark.app.api;

import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.metainfo.PeerAddress;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where a torrent finds peers, changed by the user: trackers added and removed, peers given by address. Works in
 * both phases (also while a magnet link fetches its metadata). Every change is kept with the torrent: in its resume
 * data, or in its stored magnet link ({@code tr} and {@code x.pe}) until the metadata arrives. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentSwarmResource {
    /** Most peers in one request (more than a torrent keeps anyway). */

    private final TorrentLookup torrents;

    TorrentSwarmResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    @POST
    @Path("/{id}/trackers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add trackers: {\"urls\":[\"udp://tracker.example:6969/announce\", …]}; each gets a tier of its"
            + " own after the others (ones already there are skipped); while live they are announced to soon;"
            + " answers the trackers")
    public Uni<List<TrackerDto>> addTrackers(@PathParam("id") String id, TrackersRequest body) {
        TorrentHandle h = torrents.handle(id);
        return changed(h, h.addTrackers(body.urls()));
    }

    @DELETE
    @Path("/{id}/trackers")
    @Operation(summary = "Remove trackers: ?url=…, repeatable; those that know the torrent are told it stopped;"
            + " answers the trackers (404 if none of them is a tracker of the torrent)")
    public Uni<List<TrackerDto>> removeTrackers(@PathParam("id") String id, @QueryParam("url") List<String> urls) {
        TorrentHandle h = torrents.handle(id);
        if (urls == null || urls.isEmpty()) {
            throw ApiException.badRequest("bad_trackers", "name the trackers to remove: ?url=…, repeatable");
        }
        return changed(h, h.removeTrackers(urls));
    }

    private Uni<List<TrackerDto>> changed(TorrentHandle h, io.vertx.core.Future<Void> change) {
        return TorrentLookup.uni(change)
                .onFailure(EngineException.class).transform(e -> ((EngineException) e).kind()
                        == EngineException.Kind.INVALID_ARGUMENT ? ApiException.badRequest("bad_trackers", e.getMessage())
                        : e)
                .flatMap(v -> TorrentLookup.uni(h.trackers()))
                .map(l -> l.stream().map(TrackerDto::of).toList());
    }

    @POST
    @Path("/{id}/peers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add peers by address: {\"peers\":[\"192.0.2.7:51413\",\"[2001:db8::1]:6881\"]} (IP literals,"
            + " no host names); dialed now if there is room, and kept with the torrent across restarts")
    @APIResponse(responseCode = "204", description = "The peers are added")
    public Uni<Response> addPeers(@PathParam("id") String id, PeersRequest body) {
        TorrentHandle h = torrents.handle(id);
        List<String> texts = body.peers();
        List<InetSocketAddress> peers = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            InetSocketAddress a = PeerAddress.parse(texts.get(i).strip());
            if (a == null) {
                throw ApiException.badRequest("bad_peers", "peers[" + i + "] '" + FilePriorityChange.clip(texts.get(i))
                        + "' is not ip:port (IPv4 as 192.0.2.7:6881, IPv6 as [2001:db8::1]:6881; port 1-65535)");
            }
            peers.add(a);
        }
        return TorrentLookup.uni(h.addPeers(peers)).map(v -> Response.noContent().build());
    }
}
