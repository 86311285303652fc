package dev.bitquark.app.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/torrents} in its four forms: a raw .torrent body, a form upload, JSON with a
 * source (URL or magnet) and a plain-text URL or magnet. All share the query options
 * ({@link AddQuery}) and {@link TorrentAdder}. Stateless.
 */
@Path("/api/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "torrents")
public class TorrentAddResource {
    /** The form parts that may hold the .torrent: ours, and qBittorrent's name for it. */
    static final List<String> FILE_PARTS = List.of("torrent", "torrents");
    /** Largest text form field read (the {@code files} JSON of a torrent with very many files). */
    private static final int MAX_FIELD_BYTES = 4 << 20;

    private final TorrentAdder adder;

    TorrentAddResource(TorrentAdder adder) {
        this.adder = adder;
    }

    @POST
    @Consumes({"application/x-bittorrent", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Add a torrent from a .torrent body; options as query parameters "
            + "(?paused, ?outputFolder, ?sequential, ?downloadLimit, ?uploadLimit, ?maxConnections, ?listOnly)")
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TorrentDto.class)))
    @APIResponse(responseCode = "200", description = "listOnly: what the torrent holds, nothing added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TorrentPreview.class)))
    public Uni<Response> addRaw(byte[] body, @BeanParam AddQuery query) {
        return adder.addFile(body, query.options());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Add a torrent from a form upload: file part 'torrent' (or 'torrents'), optional fields "
            + "outputFolder, paused, sequential, downloadLimit, uploadLimit, maxConnections, listOnly and files (JSON "
            + "[{\"index\":0,\"priority\":\"skip\"}])")
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TorrentDto.class)))
    @APIResponse(responseCode = "200", description = "listOnly: what the torrent holds, nothing added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TorrentPreview.class)))
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = AddTorrentForm.class)))
    public Uni<Response> addForm(MultipartFormDataInput form, @BeanParam AddQuery query) {
        AddOptions o = query.options();
        List<FormValue> files = new ArrayList<>();
        for (Map.Entry<String, Collection<FormValue>> e : form.getValues().entrySet()) {
            if (FILE_PARTS.contains(e.getKey())) {
                files.addAll(e.getValue());
            } else if (AddOptions.NAMES.contains(e.getKey())) {
                for (FormValue v : e.getValue()) {
                    o.set(e.getKey(), text(e.getKey(), v));
                }
            }
        }
        if (files.isEmpty()) {
            throw ApiException.badRequest("bad_torrent", "no torrent in the form: send the .torrent file as part "
                    + "'torrent' (curl -F torrent=@file.torrent)");
        }
        if (files.size() > 1) {
            throw ApiException.badRequest("bad_torrent", files.size() + " torrent files in the form; send one per request");
        }
        return adder.addFile(bytes(files.get(0)), o);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a torrent from a URL the server fetches, or a magnet link: {\"source\":…} with the "
            + "same options as fields (and \"files\" priorities)")
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TorrentDto.class)))
    @APIResponse(responseCode = "200", description = "listOnly: what the torrent holds, nothing added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TorrentPreview.class)))
    public Uni<Response> addJson(AddTorrentRequest body, @BeanParam AddQuery query) {
        AddOptions o = query.options();
        o.apply(body);
        return adder.addSource(body.source(), o);
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Add a torrent from a plain-text body holding an http(s) URL or a magnet link; options as "
            + "query parameters")
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TorrentDto.class)))
    @APIResponse(responseCode = "200", description = "listOnly: what the torrent holds, nothing added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TorrentPreview.class)))
    public Uni<Response> addText(String body, @BeanParam AddQuery query) {
        return adder.addSource(body, query.options());
    }

    /** The uploaded .torrent, refused above the cap before it is read. */
    private static byte[] bytes(FormValue v) {
        if (!v.isFileItem()) {
            // A text field went through a character decoding: its bytes are no longer the file's.
            throw ApiException.badRequest("bad_torrent", "the torrent part must be a file upload (with a filename), "
                    + "not a text field");
        }
        return read(v, TorrentAdder.MAX_TORRENT_BYTES, "the torrent");
    }

    private static String text(String name, FormValue v) {
        if (!v.isFileItem()) {
            return v.getValue();
        }
        return new String(read(v, MAX_FIELD_BYTES, "form field " + name), StandardCharsets.UTF_8);
    }

    private static byte[] read(FormValue v, int max, String what) {
        try {
            long size = v.getFileItem().getFileSize();
            if (size > max) {
                throw ApiException.tooLarge(what + " is " + size + " bytes; at most " + max + " are accepted");
            }
            try (InputStream in = v.getFileItem().getInputStream()) {
                byte[] b = in.readNBytes(max + 1);
                if (b.length > max) {
                    throw ApiException.tooLarge(what + " is over " + max + " bytes, the most accepted");
                }
                return b;
            }
        } catch (IOException e) {
            throw new ApiException(500, "upload_failed", "the uploaded " + what + " could not be read: " + e.getMessage());
        }
    }
}
