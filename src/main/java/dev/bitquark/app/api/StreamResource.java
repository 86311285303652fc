package dev.bitquark.app.api;

import static dev.bitquark.app.api.TorrentLookup.uni;

import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.security.ApiError;
import dev.bitquark.app.security.PathRules;
import dev.bitquark.app.security.RequestFacts;
import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStream;
import dev.bitquark.engine.StreamException;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.metainfo.FileEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * A torrent's files over HTTP, also while they download: single byte ranges for seeking players, and an M3U
 * playlist of the media files. Media players cannot send cookies or Bearer headers, so these two endpoints (and
 * only these) also accept an API token as {@code ?token=} ({@link PathRules#acceptsQueryToken}); HTTP Basic in the
 * URL ({@code http://user:password@host/...}) works too.
 */
@Path("/api/v1/torrents")
@Tag(name = "streaming")
public class StreamResource {
    private final TorrentLookup torrents;
    private final long readAhead;

    StreamResource(TorrentLookup torrents, BitquarkConfig config) {
        this.torrents = torrents;
        this.readAhead = config.stream().readAheadBytes();
    }

    @GET
    @Path("/{id}/files/{index}/stream")
    @Operation(summary = "Stream a file, also while it downloads: Range: bytes=a-b, a- or -n gives 206, no Range 200,"
            + " unsatisfiable 416; the range's pieces are downloaded first. Players may pass ?token=<API token>")
    @SecurityRequirement(name = "password")
    @SecurityRequirement(name = "token")
    @SecurityRequirement(name = "session")
    @SecurityRequirement(name = "queryToken")
    @APIResponse(responseCode = "200", description = "The whole file", content = @Content(
            mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The range asked for", content = @Content(
            mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<Response> stream(@PathParam("id") String id, @PathParam("index") String index,
                                @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
                                @jakarta.ws.rs.core.Context RoutingContext rc) {
        TorrentHandle h = torrents.handle(id);
        FileEntry f = file(h, index);
        Context request = Vertx.currentContext();
        Uni<Response> answer = uni(h.filePriorities()).flatMap(priorities -> {
            ByteRange r = checked(f, priorities, range, ifRange);
            if (r.kind() == ByteRange.Kind.UNSATISFIABLE) {
                return Uni.createFrom().item(unsatisfiable(f, r));
            }
            return uni(h.openStream(f.index(), readAhead))
                    .onFailure().transform(StreamResource::openFailure)
                    .flatMap(s -> head(s, r, rc.response())
                            .map(head -> headers(f, r).entity(new StreamBody(s, r.first(), r.last(), head, request))
                                    .build()));
        });
        return answer; // TorrentLookup.uni goes on on the request's context, where the body is written
    }

    /**
     * The range's first block, read before any status line is sent: every error a stream can know before it starts
     * (a stopped torrent missing some of the range, a skipped file, a removed torrent, a disk error on the first
     * read) is then a JSON answer with its own status, never bytes presented as the file's. A client that leaves
     * while the first bytes are awaited releases the stream.
     */
    private static Uni<Buffer> head(FileStream s, ByteRange r, HttpServerResponse response) {
        if (r.length() == 0) {
            return Uni.createFrom().item(Buffer.buffer());
        }
        response.closeHandler(v -> s.close());
        if (response.closed()) {
            s.close();
        }
        int n = (int) Math.min(StreamBodyWriter.BLOCK, r.length());
        return uni(s.reachable(r.first(), r.length()).compose(v -> s.read(r.first(), n)))
                .onFailure().invoke(e -> s.close())
                .onFailure().transform(StreamResource::openFailure);
    }

    @HEAD
    @Path("/{id}/files/{index}/stream")
    @Operation(summary = "The headers of the same GET (Content-Length, Content-Range, Content-Type), without a body")
    @SecurityRequirement(name = "password")
    @SecurityRequirement(name = "token")
    @SecurityRequirement(name = "session")
    @SecurityRequirement(name = "queryToken")
    @APIResponse(responseCode = "200", description = "The headers of the GET")
    public Uni<Response> head(@PathParam("id") String id, @PathParam("index") String index,
                              @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        TorrentHandle h = torrents.handle(id);
        FileEntry f = file(h, index);
        return uni(h.filePriorities()).map(priorities -> {
            ByteRange r = checked(f, priorities, range, ifRange);
            return r.kind() == ByteRange.Kind.UNSATISFIABLE ? unsatisfiable(f, r) : headers(f, r).build();
        });
    }

    @GET
    @Path("/{id}/playlist.m3u8")
    @Operation(summary = "M3U playlist (#EXTM3U) of the torrent's audio and video files in path order, as absolute"
            + " stream URLs; opened with ?token=, every URL carries the token too")
    @SecurityRequirement(name = "password")
    @SecurityRequirement(name = "token")
    @SecurityRequirement(name = "session")
    @SecurityRequirement(name = "queryToken")
    @APIResponse(responseCode = "200", description = "The playlist", content = @Content(
            mediaType = "audio/x-mpegurl", schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> playlist(@PathParam("id") String id, @QueryParam(PathRules.TOKEN_PARAMETER) String token,
                                  @jakarta.ws.rs.core.Context RoutingContext rc) {
        TorrentHandle h = torrents.handle(id);
        RequestFacts facts = rc.get(RequestFacts.KEY);
        String base = Playlist.base(facts.scheme(), facts.host(), facts.port());
        // Repeat the token only if it is how this request got in: a password or cookie never goes into a URL.
        String repeat = facts.method() == RequestFacts.AuthMethod.QUERY_TOKEN ? token : null;
        return uni(h.filePriorities()).map(priorities -> Response
                .ok(Playlist.of(TorrentLookup.metainfo(h), priorities, base, repeat))
                .type(Playlist.TYPE)
                .header("Content-Disposition", disposition(TorrentLookup.metainfo(h).name() + ".m3u8"))
                .build());
    }

    /** The file at {@code index}: 404 for anything but a real file's index (padding files are not content). */
    private static FileEntry file(TorrentHandle h, String index) {
        List<FileEntry> files = TorrentLookup.metainfo(h).files();
        int i = -1;
        if (index.length() <= 9 && index.chars().allMatch(c -> c >= '0' && c <= '9') && !index.isEmpty()) {
            i = Integer.parseInt(index);
        }
        if (i < 0 || i >= files.size() || files.get(i).padding()) {
            String shown = index.length() > 20 ? index.substring(0, 20) + "…" : index;
            throw ApiException.notFound("no file " + shown + " in torrent " + TorrentLookup.metainfo(h).name() + " (files are 0.."
                    + (files.size() - 1) + ")");
        }
        return files.get(i);
    }

    /** 409 for a skipped file, else the requested range. */
    private static ByteRange checked(FileEntry f, List<FilePriority> priorities, String range, String ifRange) {
        if (priorities.get(f.index()) == FilePriority.SKIP) {
            throw new ApiException(409, "file_skipped", skippedMessage(f));
        }
        return ByteRange.of(range, ifRange, f.length());
    }

    private static String skippedMessage(FileEntry f) {
        return f.displayPath() + " (file " + f.index() + ") is skipped, so its bytes are not downloaded;"
                + " give it a priority above skip to stream it";
    }

    private static Response.ResponseBuilder headers(FileEntry f, ByteRange r) {
        Response.ResponseBuilder b = Response.status(r.kind() == ByteRange.Kind.PARTIAL ? 206 : 200)
                .type(MediaTypes.of(f.displayPath()))
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", Long.toString(r.length()))
                .header("Content-Disposition", disposition(f.path().get(f.path().size() - 1)));
        if (r.kind() == ByteRange.Kind.PARTIAL) {
            b.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + f.length());
        }
        return b;
    }

    /** RFC 9110 15.5.17: 416 names the current length in {@code Content-Range: bytes *}{@code /size}. */
    private static Response unsatisfiable(FileEntry f, ByteRange r) {
        return Response.status(416).type(MediaType.APPLICATION_JSON)
                .header("Accept-Ranges", "bytes")
                .header("Content-Range", "bytes */" + f.length())
                .entity(new ApiError("range_not_satisfiable", r.problem() + " (" + f.displayPath() + " has "
                        + f.length() + " bytes)"))
                .build();
    }

    /** {@code inline} with the RFC 8187 UTF-8 file name (names in torrents are often not ASCII). */
    static String disposition(String fileName) {
        // URLEncoder encodes for forms: '+' for spaces, and leaves '*' alone, which RFC 8187 attr-char excludes.
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A");
        return "inline; filename*=UTF-8''" + encoded;
    }

    private static Throwable openFailure(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof StreamException se) {
            return switch (se.kind()) {
                case FILE_SKIPPED -> new ApiException(409, "file_skipped", se.getMessage());
                case TORRENT_STOPPED -> new ApiException(409, "torrent_stopped", se.getMessage());
                case TOO_MANY_STREAMS -> new ApiException(503, "busy", se.getMessage());
                case TORRENT_REMOVED, CLOSED -> ApiException.notFound(se.getMessage());
                case READ_FAILED -> new ApiException(500, "read_failed", se.getMessage());
            };
        }
        if (c instanceof EngineException ee) {
            // No such file is a 404 here (the file is part of the URL), like a torrent removed meanwhile.
            return ee.kind() == EngineException.Kind.INVALID_ARGUMENT ? ApiException.notFound(ee.getMessage()) : ee;
        }
        return c;
    }
}
