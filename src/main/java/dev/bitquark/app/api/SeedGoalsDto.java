package dev.bitquark.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitquark.engine.SeedGoals;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A torrent's seeding goals as the API shows and takes them: each limit is -2 (the session's, from the settings),
 * -1 (none) or a value; the torrent stops seeding at the first one reached.
 *
 * @param ratio share ratio (uploaded / downloaded)
 * @param seedingMinutes minutes seeding in total
 * @param idleMinutes minutes seeding without uploading
 */
@Schema(description = "Seeding goals: -2 = the session's, -1 = none, else the limit")
public record SeedGoalsDto(double ratio, long seedingMinutes, long idleMinutes) {
    static final java.util.List<String> KEYS = java.util.List.of("ratio", "seedingMinutes", "idleMinutes");

    public static SeedGoalsDto of(SeedGoals g) {
        return new SeedGoalsDto(g.ratio(), g.seedingMinutes(), g.idleMinutes());
    }

    /** {@code {"ratio":2,"seedingMinutes":-2,...}}: keys left out are -2 (the session's). */
    static SeedGoals read(JsonNode v, String field) {
        if (!(v instanceof ObjectNode o)) {
            throw ApiException.badField("bad_setting", field, "\"" + field + "\" must be an object with "
                    + String.join(", ", KEYS));
        }
        JsonBodies.onlyFields(o, KEYS);
        return new SeedGoals(o.has("ratio") ? ratio(o, "ratio", true) : SeedGoals.SESSION,
                o.has("seedingMinutes") ? minutes(o, "seedingMinutes", true) : SeedGoals.SESSION,
                o.has("idleMinutes") ? minutes(o, "idleMinutes", true) : SeedGoals.SESSION);
    }

    /** A ratio limit: -1 (none), -2 (the session's) if {@code session}, or 0..1e6. */
    static double ratio(ObjectNode o, String key, boolean session) {
        JsonNode v = o.get(key);
        if (v == null || !v.isNumber()) {
            throw ApiException.badField("bad_setting", key, "\"" + key + "\" must be a number");
        }
        double r = v.doubleValue();
        if (r == SeedGoals.NONE || session && r == SeedGoals.SESSION || r >= 0 && r <= SeedGoals.MAX_RATIO) {
            return r;
        }
        throw ApiException.badField("bad_setting", key, "\"" + key + "\" is " + v.asText() + "; give "
                + (session ? "-2 (the session's), " : "") + "-1 (none) or 0.." + (long) SeedGoals.MAX_RATIO);
    }

    /** Minutes: -1 (none), -2 (the session's) if {@code session}, or 0..a century. */
    static long minutes(ObjectNode o, String key, boolean session) {
        return JsonBodies.integer(o, key, session ? SeedGoals.SESSION : SeedGoals.NONE, SeedGoals.MAX_MINUTES);
    }
}
