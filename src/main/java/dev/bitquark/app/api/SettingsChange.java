package dev.bitquark.app.api;

import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.app.persistence.SessionSettings;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code PUT /api/v1/settings}: the editable settings to change. A key left out stays; JSON
 * {@code null} puts a setting back to the server default (stored as 0, or {@code ""} for the
 * folder), except the limits, where 0 means unlimited. Read-only keys (from the configuration) and
 * unknown ones are refused naming the key. Every key is checked before anything changes.
 *
 * @param defaultOutputFolder a folder inside the download folder, relative to it; checked against the folder by
 *     the resource (links resolved)
 */
@Schema(description = "Editable settings to change; keys left out stay, null restores the default",
        example = "{\"downloadLimit\": 0, \"maxConnections\": 200, \"defaultOutputFolder\": \"tv\", \"altSpeed\": true}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record SettingsChange(
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long downloadLimit,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long uploadLimit,
        @Schema(minimum = "1", maximum = "" + SettingsResource.MAX_CONNECTIONS, nullable = true) Integer maxConnections,
        @Schema(minimum = "1", maximum = "" + SettingsResource.MAX_CONCURRENT_CHECKS, nullable = true)
        Integer maxConcurrentChecks,
        @Schema(nullable = true) String defaultOutputFolder,
        @Schema(minimum = "" + SettingsResource.MIN_EVENTS_INTERVAL_MS,
                maximum = "" + SettingsResource.MAX_EVENTS_INTERVAL_MS, nullable = true) Long eventsIntervalMillis,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long altDownloadLimit,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long altUploadLimit,
        Boolean altSpeed,
        Boolean logToFile,
        Boolean setupDone,
        Boolean queueing,
        @Schema(minimum = "-1", maximum = "" + QueueSettings.MAX_LIMIT) Integer maxActiveDownloads,
        @Schema(minimum = "-1", maximum = "" + QueueSettings.MAX_LIMIT) Integer maxActiveSeeds,
        @Schema(minimum = "-1", maximum = "" + QueueSettings.MAX_LIMIT) Integer maxActiveTorrents,
        Boolean ignoreSlowTorrents,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long slowDownloadRate,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long slowUploadRate,
        @Schema(minimum = "0", maximum = "86400") Integer slowTorrentSeconds,
        @Schema(minimum = "-1", maximum = "1000000") Double seedRatioLimit,
        @Schema(minimum = "-1", maximum = "" + SeedGoals.MAX_MINUTES) Long seedTimeLimitMinutes,
        @Schema(minimum = "-1", maximum = "" + SeedGoals.MAX_MINUTES) Long seedIdleLimitMinutes)
        implements JsonRequest {

    /** Reads the body; values are in range, and null (server default) is 0 or {@code ""}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SettingsChange of(JsonNode body) {
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyKeys(o, SettingsResource.EDITABLE, SettingsResource.READ_ONLY,
                "set it in the configuration (environment variable or application.properties) and restart");
        return new SettingsChange(LimitsChange.rate(o, "downloadLimit"), LimitsChange.rate(o, "uploadLimit"),
                o.has("maxConnections") ? (int) orZero(o, "maxConnections", 1, SettingsResource.MAX_CONNECTIONS) : null,
                o.has("maxConcurrentChecks")
                        ? (int) orZero(o, "maxConcurrentChecks", 1, SettingsResource.MAX_CONCURRENT_CHECKS) : null,
                o.has("defaultOutputFolder") ? folder(o.get("defaultOutputFolder")) : null,
                o.has("eventsIntervalMillis") ? orZero(o, "eventsIntervalMillis",
                        SettingsResource.MIN_EVENTS_INTERVAL_MS, SettingsResource.MAX_EVENTS_INTERVAL_MS) : null,
                LimitsChange.rate(o, "altDownloadLimit"), LimitsChange.rate(o, "altUploadLimit"),
                flag(o, "altSpeed"), flag(o, "logToFile"), flag(o, "setupDone"), flag(o, "queueing"),
                limit(o, "maxActiveDownloads"), limit(o, "maxActiveSeeds"), limit(o, "maxActiveTorrents"),
                flag(o, "ignoreSlowTorrents"), LimitsChange.rate(o, "slowDownloadRate"),
                LimitsChange.rate(o, "slowUploadRate"),
                o.has("slowTorrentSeconds") ? (Integer) (int) JsonBodies.integer(o, "slowTorrentSeconds", 0, 86_400)
                        : null,
                o.has("seedRatioLimit") ? SeedGoalsDto.ratio(o, "seedRatioLimit", false) : null,
                o.has("seedTimeLimitMinutes") ? SeedGoalsDto.minutes(o, "seedTimeLimitMinutes", false) : null,
                o.has("seedIdleLimitMinutes") ? SeedGoalsDto.minutes(o, "seedIdleLimitMinutes", false) : null);
    }

    /** A queue limit: -1 (none) or a count. */
    private static Integer limit(ObjectNode o, String key) {
        return o.has(key) ? (Integer) (int) JsonBodies.integer(o, key, -1, QueueSettings.MAX_LIMIT) : null;
    }

    /** A switch: true or false; null puts it back to its default (off). */
    private static Boolean flag(ObjectNode o, String key) {
        if (!o.has(key)) {
            return null;
        }
        return !o.get(key).isNull() && JsonBodies.bool(o, key);
    }

    /** The value of a key where null means "server default" (stored as 0). */
    private static long orZero(ObjectNode o, String key, long min, long max) {
        return o.get(key).isNull() ? 0 : JsonBodies.integer(o, key, min, max);
    }

    /** The folder's text ({@code ""} for null: the download folder itself), bounded and without NUL. */
    private static String folder(JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiException.badField("bad_setting", "defaultOutputFolder",
                    "setting \"defaultOutputFolder\" must be a string");
        }
        String text = v.textValue();
        if (text.indexOf('\0') >= 0 || text.getBytes(StandardCharsets.UTF_8).length > SessionSettings.MAX_FOLDER_BYTES) {
            throw ApiException.badField("bad_setting", "defaultOutputFolder", "setting \"defaultOutputFolder\" must be at most "
                    + SessionSettings.MAX_FOLDER_BYTES + " bytes without NUL");
        }
        return text;
    }
}
