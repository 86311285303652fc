package dev.bitquark.app.api;

import dev.bitquark.app.session.Library;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.TorrentPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The session's categories ({@code /api/v1/categories}) and tags ({@code /api/v1/tags}). A category names the
 * folder its torrents are saved in when added with it; changing or removing one never moves data. Removing a
 * category or a tag takes it off every torrent. Stateless.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class CategoriesResource {
    private final SessionService sessions;
    private final TorrentLookup torrents;

    CategoriesResource(SessionService sessions, TorrentLookup torrents) {
        this.sessions = sessions;
        this.torrents = torrents;
    }

    /**
     * @param name the category
     * @param folder its own folder relative to the download folder, or "" for one named after it
     * @param path where its torrents are saved: the absolute folder
     */
    public record CategoryDto(String name, String folder, String path) {
    }

    /** Body of a category's creation or change. */
    @Schema(example = "{\"name\": \"tv-sonarr\", \"folder\": \"\"}")
    public record CategoryRequest(String name, String folder) implements JsonRequest {
    }

    /** Body of a tag creation. */
    @Schema(example = "{\"names\": [\"4k\", \"keep\"]}")
    public record TagsRequest(List<String> names) implements JsonRequest {
    }

    @GET
    @Path("/categories")
    @Operation(summary = "The categories, by name, with their folders")
    public List<CategoryDto> categories() {
        List<CategoryDto> out = new ArrayList<>();
        for (Map.Entry<String, String> c : library().categories().entrySet()) {
            out.add(dto(c.getKey(), c.getValue()));
        }
        return out;
    }

    @POST
    @Path("/categories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a category: name (may nest: \"tv/anime\") and folder (relative to the download "
            + "folder; \"\" or absent: one named after it); 409 if it exists")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CategoryDto.class)))
    public Uni<Response> create(CategoryRequest body) {
        String name = name(body == null ? null : body.name());
        String folder = folder(body == null ? null : body.folder());
        return run(library().createCategory(name, folder)).map(s -> Response.created(URI.create(
                "/api/v1/categories/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")))
                .entity(dto(name, folder)).build());
    }

    @PUT
    @Path("/categories/{name: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a category's folder (torrents filed under it stay where they are); 409 if unknown")
    public Uni<CategoryDto> edit(@PathParam("name") String name, CategoryRequest body) {
        String n = name(name);
        String folder = folder(body == null ? null : body.folder());
        return run(library().editCategory(n, folder)).map(s -> dto(n, folder));
    }

    @DELETE
    @Path("/categories/{name: .+}")
    @Operation(summary = "Remove a category and take it off its torrents (their data stays); unknown: 404")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> remove(@PathParam("name") String name) {
        String n = name(name);
        if (!library().categories().containsKey(n)) {
            throw ApiException.notFound("category " + n);
        }
        return run(library().removeCategories(List.of(n))).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/tags")
    @Operation(summary = "The session's tags, sorted")
    public List<String> tags() {
        return List.copyOf(library().tags());
    }

    @POST
    @Path("/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create tags ({\"names\": [...]}); those that exist are left as they are; answers all tags")
    public Uni<List<String>> createTags(TagsRequest body) {
        if (body == null || body.names() == null) {
            throw ApiException.badRequest("bad_tags", "names is missing: a list of tags");
        }
        List<String> names = new ArrayList<>();
        for (String t : body.names()) {
            try {
                names.add(TorrentPolicy.checkTag(t));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("bad_tags", "names", e.getMessage());
            }
        }
        return run(library().createTags(names)).map(s -> List.copyOf(s.tags()));
    }

    @DELETE
    @Path("/tags/{name: .+}")
    @Operation(summary = "Delete a tag from the session and from every torrent; unknown: 404")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> deleteTag(@PathParam("name") String name) {
        if (!library().tags().contains(name)) {
            throw ApiException.notFound("tag " + name);
        }
        return run(library().deleteTags(List.of(name))).map(v -> Response.noContent().build());
    }

    private CategoryDto dto(String name, String folder) {
        String path;
        try {
            path = sessions.categoryDir(name).toString();
        } catch (IllegalArgumentException e) {
            path = "";
        }
        return new CategoryDto(name, folder, path);
    }

    private Library library() {
        return torrents.session().library();
    }

    private static String name(String raw) {
        try {
            String n = TorrentPolicy.checkCategory(raw);
            if (n.isEmpty()) {
                throw ApiException.badField("bad_category", "name", "a category needs a name");
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_category", "name", e.getMessage());
        }
    }

    /** A folder inside the download folder, kept relative to it ("" for the default). */
    private String folder(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        try {
            java.nio.file.Path p = sessions.insideRoot(raw.strip(), "folder");
            return sessions.downloadRoot().relativize(p).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_folder", "folder", e.getMessage());
        }
    }

    private static <T> Uni<T> run(CompletionStage<T> stage) {
        return Uni.createFrom().completionStage(stage).onFailure().transform(t -> {
            Throwable c = TorrentLookup.unwrap(t);
            if (c instanceof Library.Conflict) {
                return new ApiException(409, "conflict", c.getMessage());
            }
            if (c instanceof IllegalArgumentException) {
                return ApiException.badRequest("bad_request", c.getMessage());
            }
            return t;
        });
    }
}
