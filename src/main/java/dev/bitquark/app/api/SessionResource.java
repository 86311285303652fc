package dev.bitquark.app.api;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.app.session.Session;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.Engine;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The session as a whole: {@code GET /api/v1/session/stats}, the session-wide bandwidth limits
 * {@code GET/PUT /api/v1/session/limits} (applied at once and kept across restarts) and the free
 * space at a save folder, {@code GET /api/v1/session/space}. Stateless.
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SessionResource {
    private final SessionService sessions;
    private final EngineService engines;

    SessionResource(SessionService sessions, EngineService engines) {
        this.sessions = sessions;
        this.engines = engines;
    }

    /** Session-wide limits in bytes/s; 0 = unlimited. */
    public record LimitsDto(long downloadLimit, long uploadLimit) {
        static LimitsDto of(SessionSettings s) {
            return new LimitsDto(s.downloadLimit(), s.uploadLimit());
        }
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Session totals and rates, torrent counts by state, connections, limits and counters")
    public Uni<SessionStatsDto> stats() {
        Engine e = engines.engine();
        if (e == null) {
            throw new ApiException(503, "starting", "the engine is not running yet");
        }
        return Uni.createFrom().completionStage(e.sessionStats().toCompletionStage()).map(SessionStatsDto::of);
    }

    @GET
    @Path("/limits")
    @Operation(summary = "Session-wide download and upload limits in bytes/s (0 = unlimited)")
    public LimitsDto limits() {
        return LimitsDto.of(session().settings());
    }

    @PUT
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the session-wide limits in bytes/s (0 = unlimited, negative is refused); either "
            + "key may be left out; applied at once and kept across restarts")
    public Uni<LimitsDto> setLimits(LimitsChange body) {
        Long down = body.downloadLimit();
        Long up = body.uploadLimit();
        return SettingsResource.update(session(), s -> s.withRateLimits(down != null ? down : s.downloadLimit(),
                up != null ? up : s.uploadLimit())).map(LimitsDto::of);
    }

    /**
     * Free space where a torrent would be saved, for the add dialog's "selected size against free space"
     * (UI spec 1.4) and its folder check.
     */
    public record SpaceDto(@Schema(description = "The folder as the server resolves it (absolute)") String folder,
                           boolean exists,
                           @Schema(description = "The folder, or its deepest existing parent, may be written to")
                           boolean writable,
                           @Schema(description = "Bytes free to this process on that file system") long freeBytes,
                           long totalBytes) {
    }

    @GET
    @Path("/space")
    @Operation(summary = "Free space at a save folder (default: the default output folder); the folder must lie inside"
            + " the download folder, like outputFolder when adding")
    public SpaceDto space(@QueryParam("folder") String folder) {
        java.nio.file.Path dir;
        try {
            dir = sessions.downloadDir(folder);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_folder", e.getMessage());
        }
        java.nio.file.Path existing = dir;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return new SpaceDto(dir.toString(), false, false, 0, 0);
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return new SpaceDto(dir.toString(), existing.equals(dir), Files.isWritable(existing), store.getUsableSpace(),
                    store.getTotalSpace());
        } catch (IOException e) {
            throw new ApiException(500, "disk_error", "cannot read the free space at " + existing + ": " + e.getMessage());
        }
    }

    private Session session() {
        Session s = sessions.session();
        if (s == null) {
            throw new ApiException(503, "starting", "the session is still being restored");
        }
        return s;
    }
}
