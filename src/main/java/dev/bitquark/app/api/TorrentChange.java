package dev.bitquark.app.api;

import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;

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
 * @param category the category to file it under ({@code ""} or null: none); it must exist
 * @param tags its tags, replacing those it has (new ones join the session's)
 * @param seedGoals its own seeding goals (keys left out: the session's)
 * @param forced runs whatever the queue's limits
 * @param firstLastPiecePriority the first and last piece of each wanted file first
 * @param name the name to show it by ({@code ""} or null: its own); files on disk keep theirs
 */
@Schema(description = "A torrent's settings to change; keys left out stay",
        example = "{\"sequential\": true, \"maxConnections\": 20}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record TorrentChange(
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long downloadLimit,
        @Schema(minimum = "0", maximum = "" + AddOptions.MAX_RATE) Long uploadLimit,
        @Schema(minimum = "1", maximum = "" + AddOptions.MAX_CONNECTIONS) Integer maxConnections,
        Boolean sequential,
        @Schema(nullable = true) String category,
        java.util.List<String> tags,
        SeedGoalsDto seedGoals,
        Boolean forced,
        Boolean firstLastPiecePriority,
        @Schema(nullable = true, maxLength = TorrentPolicy.MAX_TORRENT_NAME) String name) implements JsonRequest {
    static final Set<String> KEYS = Set.of("downloadLimit", "uploadLimit", "maxConnections", "sequential", "category",
            "tags", "seedGoals", "forced", "firstLastPiecePriority", "name");

    /** Whether the change touches the policy (category, tags, goals, forced, first/last pieces, name). */
    boolean changesPolicy() {
        return category != null || tags != null || seedGoals != null || forced != null
                || firstLastPiecePriority != null || name != null;
    }

    /** {@code p} with this change's policy parts. */
    TorrentPolicy apply(TorrentPolicy p) {
        TorrentPolicy next = p;
        if (category != null) {
            next = next.withCategory(category.isEmpty() ? null : category);
        }
        if (tags != null) {
            next = next.withTags(tags);
        }
        if (seedGoals != null) {
            next = next.withGoals(new SeedGoals(seedGoals.ratio(), seedGoals.seedingMinutes(), seedGoals.idleMinutes()));
        }
        if (forced != null) {
            next = next.withForced(forced);
        }
        if (firstLastPiecePriority != null) {
            next = next.withFirstLastPieces(firstLastPiecePriority);
        }
        if (name != null) {
            next = next.withName(name);
        }
        return next;
    }

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
                o.has("sequential") ? JsonBodies.bool(o, "sequential") : null,
                o.has("category") ? category(o) : null,
                o.has("tags") ? tags(o.get("tags"), "tags") : null,
                o.has("seedGoals") ? SeedGoalsDto.of(SeedGoalsDto.read(o.get("seedGoals"), "seedGoals")) : null,
                o.has("forced") ? JsonBodies.bool(o, "forced") : null,
                o.has("firstLastPiecePriority") ? JsonBodies.bool(o, "firstLastPiecePriority") : null,
                o.has("name") ? name(o) : null);
    }

    static TorrentChange of(LimitsChange limits) {
        return new TorrentChange(limits.downloadLimit(), limits.uploadLimit(), null, null, null, null, null, null,
                null, null);
    }

    /** The name to show ({@code ""} for JSON null or blank: its own); a bad one is a 400 naming why. */
    private static String name(ObjectNode o) {
        JsonNode v = o.get("name");
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiException.badField("bad_setting", "name", "\"name\" must be a string or null");
        }
        try {
            String n = TorrentPolicy.checkTorrentName(v.textValue());
            return n == null ? "" : n;
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_name", "name", e.getMessage());
        }
    }

    /** A category name as kept ({@code ""} for JSON null: none); a bad one is a 400 naming why. */
    private static String category(ObjectNode o) {
        JsonNode v = o.get("category");
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw ApiException.badField("bad_setting", "category", "\"category\" must be a string or null");
        }
        try {
            return TorrentPolicy.checkCategory(v.textValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("bad_category", "category", e.getMessage());
        }
    }

    /** A list of tags, each checked; a bad one is a 400 naming why. */
    static java.util.List<String> tags(JsonNode v, String field) {
        if (!v.isArray() || v.size() > TorrentPolicy.MAX_TAGS) {
            throw ApiException.badField("bad_tags", field, "\"" + field + "\" must be a list of at most "
                    + TorrentPolicy.MAX_TAGS + " strings");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isTextual()) {
                throw ApiException.badField("bad_tags", field, "\"" + field + "\" must hold strings only");
            }
            try {
                out.add(TorrentPolicy.checkTag(t.textValue()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("bad_tags", field, e.getMessage());
            }
        }
        return out;
    }
}
