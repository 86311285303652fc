package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.logging.LogLevels;
import dev.bitquark.app.security.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code GET/PUT /api/v1/logging}: log levels per category at run time. Login required (the whole
 * of /api is). The live log itself is the WebSocket {@code /api/v1/logs} ({@link LogTailSocket}).
 * Stateless (levels live in the log manager, see {@link LogLevels}); runs on worker threads.
 */
@Path("/api/v1/logging")
@Tag(name = "logging")
@Produces(MediaType.APPLICATION_JSON)
public class LoggingResource {
    private static final Logger LOG = Logger.getLogger(LoggingResource.class);
    private final LogLevels levels;
    private final String minLevel;

    LoggingResource(LogLevels levels,
                    @ConfigProperty(name = "quarkus.log.min-level", defaultValue = "DEBUG") String minLevel) {
        this.levels = levels;
        this.minLevel = minLevel;
    }

    /** {@code minLevel}: below it nothing is printed whatever a category says (build-time setting). */
    public record Levels(String minLevel, List<LogLevels.CategoryLevel> categories) {
    }

    /** {@code {"category": "dev.bitquark.engine", "level": "DEBUG"}}; level null/"" = inherit. */
    @Schema(description = "A category's new level (OFF FATAL ERROR WARN INFO DEBUG TRACE ALL; null or \"\" inherits)",
            example = "{\"category\": \"dev.bitquark.engine\", \"level\": \"DEBUG\"}")
    @io.quarkus.runtime.annotations.RegisterForReflection(methods = true)
    public record LevelChange(String category, @Schema(nullable = true) String level) implements JsonRequest {
        /** Reads the body: only the two fields, each a string or null (400 naming the field). */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static LevelChange of(JsonNode json) {
            ObjectNode body = JsonBodies.object(json);
            JsonBodies.onlyFields(body, List.of("category", "level"));
            return new LevelChange(JsonBodies.text(body, "category"), JsonBodies.text(body, "level"));
        }
    }

    @GET
    @Operation(summary = "Log levels: every category with its own level, or one category (?category=)")
    public Response get(@QueryParam("category") String category) {
        try {
            if (category != null) {
                return Response.ok(levels.get(category)).build();
            }
            return Response.ok(new Levels(minLevel, levels.list())).build();
        } catch (IllegalArgumentException e) {
            return badRequest(e);
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a category's level (OFF FATAL ERROR WARN INFO DEBUG TRACE ALL; null or \"\" inherits):"
            + " {\"category\":\"dev.bitquark.engine\",\"level\":\"DEBUG\"}; other fields are a 400; not kept across"
            + " restarts")
    public Response put(LevelChange change) {
        try {
            LogLevels.CategoryLevel now = levels.set(change.category(), change.level());
            LOG.infof("log level of '%s' set to %s through the API", now.category(),
                    now.level() == null ? "inherit (" + now.effectiveLevel() + ")" : now.level());
            return Response.ok(now).build();
        } catch (IllegalArgumentException e) {
            return badRequest(e);
        }
    }

    private static Response badRequest(IllegalArgumentException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("bad_request", e.getMessage())).build();
    }
}
