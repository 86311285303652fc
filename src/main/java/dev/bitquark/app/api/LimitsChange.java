package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code PUT /api/v1/session/limits} and {@code PUT /api/v1/torrents/{id}/limits}: either
 * limit, or both; a key left out stays as it is.
 *
 * @param downloadLimit bytes/s, 0 = unlimited; null: unchanged
 * @param uploadLimit bytes/s, 0 = unlimited; null: unchanged
 */
@Schema(description = "Download and upload limits in bytes/s (0 = unlimited); a key left out stays",
        example = "{\"downloadLimit\": 1048576, \"uploadLimit\": 0}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record LimitsChange(
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long downloadLimit,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long uploadLimit) implements JsonRequest {
    static final Set<String> KEYS = Set.of("downloadLimit", "uploadLimit");

    /** Reads the body: only the two keys, at least one, each a whole number in range (400 naming the key). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LimitsChange of(JsonNode body) {
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyKeys(o, KEYS, Set.of(), "");
        if (o.isEmpty()) {
            throw ApiException.badRequest("bad_setting", "give downloadLimit and/or uploadLimit");
        }
        return new LimitsChange(rate(o, "downloadLimit"), rate(o, "uploadLimit"));
    }

    static Long rate(ObjectNode o, String key) {
        return o.has(key) ? JsonBodies.integer(o, key, 0, AddOptions.MAX_RATE) : null;
    }
}
