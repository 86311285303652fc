package dev.bitquark.app.api;

import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;

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
import dev.bitquark.app.discovery.Discovery;
import dev.bitquark.app.logging.LogConfig;
import dev.bitquark.app.logging.LogFileService;
import dev.bitquark.app.security.AuthConfig;
import java.util.Map;
import dev.bitquark.app.config.StartSettings;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
            "maxConcurrentChecks", "defaultOutputFolder", "eventsIntervalMillis", "altDownloadLimit", "altUploadLimit",
            "altSpeed", "logToFile", "setupDone", "queueing", "maxActiveDownloads", "maxActiveSeeds",
            "maxActiveTorrents", "ignoreSlowTorrents", "slowDownloadRate", "slowUploadRate", "slowTorrentSeconds",
            "seedRatioLimit", "seedTimeLimitMinutes", "seedIdleLimitMinutes");
    static final Set<String> READ_ONLY = Set.of("httpPort", "httpHost", "peerPort", "peerBind", "downloadDir",
            "dataDir", "persistence", "sessionSaveIntervalMillis", "eventsMaxClients", "dht", "dhtPort", "dhtBootstrap",
            "pex", "lsd", "logFile", "watchDir", "watchIntervalMillis", "watchAfterAdd", "streamReadAheadBytes", "logJson",
            "logTailClients", "logFileSize", "logFileBackups", "allowedHosts", "trustedProxies", "localhostBypass",
            "protectMetrics", "loginSessionMinutes", "loginFailuresPerMinute", "loginBanAfterFailures", "loginBanMinutes");
    static final int MAX_CONNECTIONS = 65_535;
    static final int MAX_CONCURRENT_CHECKS = 64;
    static final long MIN_EVENTS_INTERVAL_MS = 100;
    static final long MAX_EVENTS_INTERVAL_MS = 60_000;

    private final SessionService sessions;
    private final EngineService engines;
    private final BitquarkConfig config;
    private final LogFileService logFile;
    private final StartSettings start;
    private final LogConfig logConfig;
    private final AuthConfig auth;

    SettingsResource(SessionService sessions, EngineService engines, BitquarkConfig config, LogFileService logFile,
                     StartSettings start, LogConfig logConfig, AuthConfig auth) {
        this.logConfig = logConfig;
        this.auth = auth;
        this.sessions = sessions;
        this.engines = engines;
        this.config = config;
        this.logFile = logFile;
        this.start = start;
    }

    /**
     * Settings a PUT may change, as in force (defaults resolved).
     *
     * @param defaultOutputFolder where new torrents go unless the add names a folder, relative to the
     *     download folder ({@code ""} = the download folder)
     * @param altDownloadLimit alternative ("turtle") download limit, in force while {@code altSpeed} is on
     * @param altUploadLimit alternative upload limit, in force while {@code altSpeed} is on
     * @param altSpeed the alternative limits are in force instead of {@code downloadLimit}/{@code uploadLimit}
     * @param logToFile the log is also written to {@code readOnly.logFile}, rotated
     * @param setupDone the web UI's first-run wizard was completed or dismissed
     * @param queueing the queue is on: at most {@code maxActive*} torrents run, the others wait in order
     * @param maxActiveDownloads torrents downloading at once (-1: no limit)
     * @param maxActiveSeeds torrents seeding at once (-1: no limit)
     * @param maxActiveTorrents torrents running at once, both kinds (-1: no limit)
     * @param ignoreSlowTorrents torrents slower than both thresholds for {@code slowTorrentSeconds} are not counted
     * @param slowDownloadRate bytes/s below which a download is slow
     * @param slowUploadRate bytes/s below which an upload is slow
     * @param slowTorrentSeconds how long a torrent must be slow before it stops counting
     * @param seedRatioLimit a seed stops at this share ratio unless it has its own goal (-1: none)
     * @param seedTimeLimitMinutes a seed stops after seeding this long (-1: none)
     * @param seedIdleLimitMinutes a seed stops after this long without uploading (-1: none)
     */
    public record EditableSettings(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                                   String defaultOutputFolder, long eventsIntervalMillis, long altDownloadLimit,
                                   long altUploadLimit, boolean altSpeed, boolean logToFile, boolean setupDone,
                                   boolean queueing, int maxActiveDownloads, int maxActiveSeeds, int maxActiveTorrents,
                                   boolean ignoreSlowTorrents, long slowDownloadRate, long slowUploadRate,
                                   int slowTorrentSeconds, double seedRatioLimit, long seedTimeLimitMinutes,
                                   long seedIdleLimitMinutes) {
        static EditableSettings of(long downloadLimit, long uploadLimit, int maxConnections, int maxConcurrentChecks,
                                   String defaultOutputFolder, long eventsIntervalMillis, long altDownloadLimit,
                                   long altUploadLimit, boolean altSpeed, boolean logToFile, boolean setupDone,
                                   QueueSettings q, SeedGoals g) {
            return new EditableSettings(downloadLimit, uploadLimit, maxConnections, maxConcurrentChecks,
                    defaultOutputFolder, eventsIntervalMillis, altDownloadLimit, altUploadLimit, altSpeed, logToFile,
                    setupDone, q.enabled(), q.maxDownloads(), q.maxSeeds(), q.maxActive(), q.ignoreSlow(),
                    q.slowDownload(), q.slowUpload(), q.slowAfterSeconds(), g.ratio(), g.seedingMinutes(),
                    g.idleMinutes());
        }
    }

    /**
     * @param editable the settings a PUT changes, in force now
     * @param defaults what each editable setting is when not set (a PUT of null restores it)
     * @param readOnly settings from the configuration, in force now
     * @param start the {@code readOnly} settings that {@code PUT /api/v1/settings/start} changes for the next start
     */
    public record SettingsDto(EditableSettings editable, EditableSettings defaults, ReadOnlySettings readOnly,
                              Map<String, StartSettingsView.StartValue> start) {
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
    public Uni<SettingsDto> put(SettingsChange body) {
        Session session = session();
        // Checked now, before anything changes: the folder must be inside the download folder (links resolved).
        String folder = body.defaultOutputFolder() == null || body.defaultOutputFolder().isEmpty()
                ? body.defaultOutputFolder() : folder(body.defaultOutputFolder());
        UnaryOperator<SessionSettings> change = s -> new SessionSettings(
                or(body.downloadLimit(), s.downloadLimit()),
                or(body.uploadLimit(), s.uploadLimit()),
                body.maxConnections() != null ? body.maxConnections() : s.maxConnections(),
                body.maxConcurrentChecks() != null ? body.maxConcurrentChecks() : s.maxConcurrentChecks(),
                folder != null ? folder : s.defaultOutputFolder(),
                or(body.eventsIntervalMillis(), s.eventsIntervalMillis()),
                or(body.altDownloadLimit(), s.altDownloadLimit()),
                or(body.altUploadLimit(), s.altUploadLimit()),
                body.altSpeed() != null ? body.altSpeed() : s.altSpeed(),
                body.logToFile() != null ? body.logToFile() : s.logToFile(),
                body.setupDone() != null ? body.setupDone() : s.setupDone(),
                queue(body, s.queue()), goals(body, s.seedGoals()), s.categories(), s.tags());
        if (Boolean.TRUE.equals(body.logToFile())) {
            // Opened before anything changes, so a folder that cannot take the file is an error on that field.
            try {
                logFile.start();
            } catch (java.io.IOException | RuntimeException e) {
                throw ApiException.badField("bad_setting", "logToFile", "cannot write the log file "
                        + logFile.path() + ": " + e.getMessage());
            }
        }
        // The file follows the setting as stored, whichever of two concurrent changes was stored last.
        return update(session, change).invoke(s -> {
            if (s.logToFile()) {
                logFile.startQuietly();
            } else {
                logFile.stop();
            }
        }).map(this::document);
    }

    private static QueueSettings queue(SettingsChange b, QueueSettings q) {
        return new QueueSettings(b.queueing() != null ? b.queueing() : q.enabled(),
                b.maxActiveDownloads() != null ? b.maxActiveDownloads() : q.maxDownloads(),
                b.maxActiveSeeds() != null ? b.maxActiveSeeds() : q.maxSeeds(),
                b.maxActiveTorrents() != null ? b.maxActiveTorrents() : q.maxActive(),
                b.ignoreSlowTorrents() != null ? b.ignoreSlowTorrents() : q.ignoreSlow(),
                or(b.slowDownloadRate(), q.slowDownload()), or(b.slowUploadRate(), q.slowUpload()),
                b.slowTorrentSeconds() != null ? b.slowTorrentSeconds() : q.slowAfterSeconds());
    }

    private static SeedGoals goals(SettingsChange b, SeedGoals g) {
        return new SeedGoals(b.seedRatioLimit() != null ? b.seedRatioLimit() : g.ratio(),
                or(b.seedTimeLimitMinutes(), g.seedingMinutes()), or(b.seedIdleLimitMinutes(), g.idleMinutes()));
    }

    private static long or(Long value, long otherwise) {
        return value != null ? value : otherwise;
    }

    /** A folder inside the download folder, stored relative to it. */
    private String folder(String text) {
        java.nio.file.Path p;
        try {
            p = sessions.insideRoot(text, "defaultOutputFolder");
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_setting", "defaultOutputFolder", "setting " + e.getMessage());
        }
        return sessions.downloadRoot().relativize(p).toString().replace('\\', '/');
    }

    SettingsDto document(SessionSettings s) {
        Engine e = engines.engine();
        if (e == null) {
            throw new ApiException(503, "starting", "the engine is not running yet");
        }
        Discovery d = engines.discovery();
        EditableSettings editable = EditableSettings.of(s.downloadLimit(), s.uploadLimit(),
                s.maxConnections() > 0 ? s.maxConnections() : e.config().maxConnections(),
                s.maxConcurrentChecks() > 0 ? s.maxConcurrentChecks() : e.config().maxConcurrentChecks(),
                s.defaultOutputFolder(), sessions.eventsIntervalMillis(), s.altDownloadLimit(), s.altUploadLimit(),
                s.altSpeed(), s.logToFile(), s.setupDone(), s.queue(), s.seedGoals());
        EditableSettings defaults = EditableSettings.of(0, 0, e.config().maxConnections(),
                e.config().maxConcurrentChecks(), "", config.events().interval().toMillis(), 0, 0, false, false, false,
                QueueSettings.OFF, SeedGoals.UNLIMITED);
        ReadOnlySettings readOnly = ReadOnlySettings.of(config, logConfig, auth, e.peerPort(),
                sessions.downloadRoot().toString(), d, logFile.path().toString());
        return new SettingsDto(editable, defaults, readOnly, StartSettingsView.of(start, readOnly));
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
