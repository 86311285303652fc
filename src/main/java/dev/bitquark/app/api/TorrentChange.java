package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code PATCH /api/v1/torrents/{id}}: the settings to change; keys left out stay. All are
 * checked before any applies.
 *
 * @param downloadLimit bytes/s, 0 = unlimited
 * @param uploadLimit bytes/s, 0 = unlimited
 * @param maxConnections this torrent's connection limit; a lower one closes the least useful connections at once
 * @param sequential true: pieces in order (streaming); false: rarest first
 */
@Schema(description = "A torrent's settings to change; keys left out stay",
        example = "{\"sequential\": true, \"maxConnections\": 20}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record TorrentChange(
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long downloadLimit,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long uploadLimit,
        @Schema(minimum = "1", maximum = "" + AddOptions.MAX_CONNECTIONS) Integer maxConnections,
        Boolean sequential) implements JsonRequest {
    static final Set<String> KEYS = Set.of("downloadLimit", "uploadLimit", "maxConnections", "sequential");

    /** Reads the body: known keys only, at least one, each of its type and in range (400 naming the key). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TorrentChange of(JsonNode body) {
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyKeys(o, KEYS, Set.of(), "");
        if (o.isEmpty()) {
            throw ApiException.badRequest("bad_setting", "give at least one of " + String.join(", ",
                    KEYS.stream().sorted().toList()));
        }
        return new TorrentChange(LimitsChange.rate(o, "downloadLimit"), LimitsChange.rate(o, "uploadLimit"),
                o.has("maxConnections")
                        ? (Integer) (int) JsonBodies.integer(o, "maxConnections", 1, AddOptions.MAX_CONNECTIONS) : null,
                o.has("sequential") ? JsonBodies.bool(o, "sequential") : null);
    }

    static TorrentChange of(LimitsChange limits) {
        return new TorrentChange(limits.downloadLimit(), limits.uploadLimit(), null, null);
    }
}
