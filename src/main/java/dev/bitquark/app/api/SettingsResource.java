package dev.bitquark.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.EngineService;
import dev.bitquark.app.config.BitquarkConfig;
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
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET/PUT /api/v1/settings}: the settings that can change at run time (applied at once and
 * kept with the session) and, separately, the read-only ones that come from the configuration.
 * A PUT is all or nothing: every key is checked before anything changes. Stateless.
 */
@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SettingsResource {
    static final Set<String> EDITABLE = Set.of("downloadLimit", "uploadLimit", "maxConnections",
            "maxConcurrentChecks", "defaultOutputFolder", "eventsIntervalMillis");
    static final Set<String> READ_ONLY = Set.of("httpPort", "httpHost", "peerPort", "peerBind", "downloadDir",
            "dataDir", "persistence", "sessionSaveIntervalMillis", "eventsMaxClients");
    static final int MAX_CONNECTIONS = 65_535;
    static final int MAX_CONCURRENT_CHECKS = 64;
    static final long MIN_EVENTS_INTERVAL_MS = 100;
    static final long MAX_EVENTS_INTERVAL_MS = 60_000;

    private final SessionService sessions;
    private final EngineService engines;
    private final BitquarkConfig config;

    SettingsResource(SessionService sessions, EngineService engines, BitquarkConfig config) {
        this.sessions = sessions;
        this.engines = engines;
        this.config = config;
    }

    /**
     * Settings a PUT may change, as in force (defaults resolved).
     *
     * @param defaultOutputFolder where new torrents go unless the add names a folder, relative to the
     *     download folder ({@code ""} = the download folder)
     */
    public record EditableSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                                   String defaultOutputFolder, long eventsIntervalMillis) {
    }

    /** Settings from the configuration (environment, application.properties, options); a restart changes them. */
    public record ReadOnlySettings(int httpPort, String httpHost, int peerPort, String peerBind, String downloadDir,
                                   String dataDir, String persistence, long sessionSaveIntervalMillis,
                                   int eventsMaxClients) {
    }

    public record SettingsDto(EditableSettings editable, ReadOnlySettings readOnly) {
    }

    @GET
    @Operation(summary = "Settings: \"editable\" (PUT changes them at run time, kept across restarts) and "
            + "\"readOnly\" (from the configuration)")
    public SettingsDto get() {
        return document(session().settings());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change editable settings; unknown or read-only keys are refused with 400 naming the key; "
            + "null resets a setting to the server default (not for the limits: 0 = unlimited)")
    @RequestBody(description = "Any of {\"downloadLimit\":0,\"uploadLimit\":0,\"maxConnections\":200,"
            + "\"maxConcurrentChecks\":2,\"defaultOutputFolder\":\"tv\",\"eventsIntervalMillis\":1000}")
    public Uni<SettingsDto> put(String body) {
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyKeys(o, EDITABLE, READ_ONLY,
                "set it in the configuration (environment variable or application.properties) and restart");
        Session session = session();
        UnaryOperator<SessionSettings> change = changes(o);
        return update(session, change).map(this::document);
    }

    /** Checks every key of {@code o} and returns the change they make; throws 400 for the first bad one. */
    private UnaryOperator<SessionSettings> changes(ObjectNode o) {
        Long down = o.has("downloadLimit") ? JsonBodies.integer(o, "downloadLimit", 0, AddOptions.MAX_RATE) : null;
        Long up = o.has("uploadLimit") ? JsonBodies.integer(o, "uploadLimit", 0, AddOptions.MAX_RATE) : null;
        Integer connections = o.has("maxConnections")
                ? (Integer) (int) orZero(o, "maxConnections", 1, MAX_CONNECTIONS) : null;
        Integer checks = o.has("maxConcurrentChecks")
                ? (Integer) (int) orZero(o, "maxConcurrentChecks", 1, MAX_CONCURRENT_CHECKS) : null;
        Long interval = o.has("eventsIntervalMillis")
                ? (Long) orZero(o, "eventsIntervalMillis", MIN_EVENTS_INTERVAL_MS, MAX_EVENTS_INTERVAL_MS) : null;
        String folder = o.has("defaultOutputFolder") ? folder(o.get("defaultOutputFolder")) : null;
        return s -> new SessionSettings(
                down != null ? down : s.downloadLimit(),
                up != null ? up : s.uploadLimit(),
                connections != null ? connections : s.maxConnections(),
                checks != null ? checks : s.maxConcurrentChecks(),
                folder != null ? folder : s.defaultOutputFolder(),
                interval != null ? interval : s.eventsIntervalMillis());
    }

    /** The value of a key where null means "server default" (stored as 0). */
    private static long orZero(ObjectNode o, String key, long min, long max) {
        return o.get(key).isNull() ? 0 : JsonBodies.integer(o, key, min, max);
    }

    /** A folder inside the download folder, stored relative to it ("" = the download folder itself). */
    private String folder(JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("bad_setting", "setting \"defaultOutputFolder\" must be a string");
        }
        String text = v.textValue();
        if (text.indexOf('\0') >= 0 || text.getBytes(StandardCharsets.UTF_8).length > SessionSettings.MAX_FOLDER_BYTES) {
            throw ApiException.badRequest("bad_setting", "setting \"defaultOutputFolder\" must be at most "
                    + SessionSettings.MAX_FOLDER_BYTES + " bytes without NUL");
        }
        java.nio.file.Path p;
        try {
            p = sessions.insideRoot(text, "defaultOutputFolder");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_setting", "setting " + e.getMessage());
        }
        return sessions.downloadRoot().relativize(p).toString().replace('\\', '/');
    }

    SettingsDto document(SessionSettings s) {
        Engine e = engines.engine();
        if (e == null) {
            throw new ApiException(503, "starting", "the engine is not running yet");
        }
        EditableSettings editable = new EditableSettings(s.downloadLimit(), s.uploadLimit(),
                s.maxConnections() > 0 ? s.maxConnections() : e.config().maxConnections(),
                s.maxConcurrentChecks() > 0 ? s.maxConcurrentChecks() : e.config().maxConcurrentChecks(),
                s.defaultOutputFolder(), sessions.eventsIntervalMillis());
        ReadOnlySettings readOnly = new ReadOnlySettings(config.http().port(), config.http().host(), e.peerPort(),
                config.peer().bind(), sessions.downloadRoot().toString(),
                config.dataDir().toAbsolutePath().normalize().toString(),
                config.persistence().name().toLowerCase(Locale.ROOT), config.session().saveInterval().toMillis(),
                config.events().maxClients());
        return new SettingsDto(editable, readOnly);
    }

    /** Applies and stores a settings change; a failure to store is a 500 that says the change is in force. */
    static Uni<SessionSettings> update(Session session, UnaryOperator<SessionSettings> change) {
        return Uni.createFrom().completionStage(session.updateSettings(change)).onFailure().transform(t -> {
            Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            return c instanceof Session.SessionException
                    ? new ApiException(500, "not_saved", c.getMessage()) : c;
        });
    }

    private Session session() {
        Session s = sessions.session();
        if (s == null) {
            throw new ApiException(503, "starting", "the session is still being restored");
        }
        return s;
    }
}
