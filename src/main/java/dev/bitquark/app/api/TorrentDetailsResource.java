package dev.bitquark.app.api;

import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.metainfo.Bitfield;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only details of one torrent: its trackers, its piece map and its .torrent file. Stateless. */
@Path("/api/v1/torrents")
@Tag(name = "torrents")
public class TorrentDetailsResource {
    static final String BITTORRENT = "application/x-bittorrent";

    private final TorrentLookup torrents;

    TorrentDetailsResource(TorrentLookup torrents) {
        this.torrents = torrents;
    }

    /**
     * {@code have}: the BEP 3 bitfield (bit 7 of byte 0 is piece 0, spare bits 0), base64 in JSON.
     *
     * @param havePieces number of verified pieces (bits set in {@code have})
     */
    public record PiecesDto(int pieceCount, int pieceLength, int havePieces, String have) {
    }

    @GET
    @Path("/{id}/trackers")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Trackers: URL, tier, status, last and next announce, seeders/leechers/peers from the "
            + "last answer, last error")
    public Uni<List<TrackerDto>> trackers(@PathParam("id") String id) {
        return TorrentLookup.uni(torrents.handle(id).trackers()).map(l -> l.stream().map(TrackerDto::of).toList());
    }

    @GET
    @Path("/{id}/pieces")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Verified pieces: JSON {pieceCount, pieceLength, havePieces, have: base64 bitfield}, or "
            + "the raw BEP 3 bitfield with Accept: application/octet-stream")
    public Uni<Response> pieces(@PathParam("id") String id, @Context HttpHeaders headers) {
        TorrentHandle h = torrents.handle(id);
        boolean raw = wantsBytes(headers.getAcceptableMediaTypes());
        int pieceLength = TorrentLookup.metainfo(h).pieceLength();
        return TorrentLookup.uni(h.pieces()).map(have -> raw
                ? Response.ok(have.toBytes(), MediaType.APPLICATION_OCTET_STREAM).build()
                : Response.ok(dto(have, pieceLength), MediaType.APPLICATION_JSON).build());
    }

    private static PiecesDto dto(Bitfield have, int pieceLength) {
        return new PiecesDto(have.size(), pieceLength, have.cardinality(),
                Base64.getEncoder().encodeToString(have.toBytes()));
    }

    /** Bytes only when asked for explicitly and preferred to JSON (the list is sorted by preference). */
    private static boolean wantsBytes(List<MediaType> accepted) {
        for (MediaType m : accepted) {
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType() && !m.isWildcardSubtype()) {
                return false;
            }
            if (m.getType().equals("application") && m.getSubtype().equals("octet-stream")) {
                return true;
            }
        }
        return false;
    }

    @GET
    @Path("/{id}/metainfo")
    @Produces(BITTORRENT)
    @Operation(summary = "The .torrent file as it was added (application/x-bittorrent, attachment)")
    public Response metainfo(@PathParam("id") String id) {
        TorrentHandle h = torrents.handle(id);
        String name = TorrentLookup.metainfo(h).name() + ".torrent";
        return Response.ok(TorrentLookup.metainfo(h).torrentBytes(), BITTORRENT)
                .header("Content-Disposition", "attachment; filename=\"" + asciiName(name) + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    /** A plain-ASCII file name for old clients; {@code filename*} carries the real one (RFC 6266). */
    private static String asciiName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' ? c : '_');
        }
        return sb.toString();
    }
}
