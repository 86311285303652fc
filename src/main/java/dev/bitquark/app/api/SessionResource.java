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
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The session as a whole: {@code GET /api/v1/session/stats} and the session-wide bandwidth limits
 * {@code GET/PUT /api/v1/session/limits} (applied at once and kept across restarts). Stateless.
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

    private Session session() {
        Session s = sessions.session();
        if (s == null) {
            throw new ApiException(503, "starting", "the session is still being restored");
        }
        return s;
    }
}
