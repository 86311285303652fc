package dev.bitquark.app.api;

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
        Boolean setupDone)
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
                flag(o, "altSpeed"), flag(o, "logToFile"), flag(o, "setupDone"));
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
