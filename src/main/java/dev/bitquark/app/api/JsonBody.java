package dev.bitquark.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict reading of small JSON request bodies (settings, limits): malformed JSON, unknown keys and
 * values of the wrong type or range become a 400 that names the key. Stateless.
 */
final class JsonBody {
    /** Settings documents are a few hundred bytes; anything far larger is not one. */
    static final int MAX_CHARS = 64 * 1024;

    private JsonBody() {
    }

    /** The body as a JSON object. */
    static ObjectNode object(String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("bad_json", "empty body: send a JSON object");
        }
        if (body.length() > MAX_CHARS) {
            throw ApiException.badRequest("bad_json", "body of " + body.length() + " characters, at most " + MAX_CHARS);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("bad_json", "not JSON at character " + e.getLocation().getCharOffset());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("bad_json", "expected a JSON object");
        }
        return (ObjectNode) root;
    }

    /**
     * Refuses keys outside {@code editable}: those in {@code readOnly} as {@code read_only_setting},
     * others as {@code unknown_setting}; the message names the key.
     */
    static void onlyKeys(ObjectNode body, Set<String> editable, Set<String> readOnly, String readOnlyHint) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (readOnly.contains(key)) {
                throw ApiException.badRequest("read_only_setting", "setting \"" + key + "\" is read-only: "
                        + readOnlyHint);
            }
            if (!editable.contains(key)) {
                throw ApiException.badRequest("unknown_setting", "unknown setting \"" + clip(key) + "\"; known: "
                        + String.join(", ", editable.stream().sorted().toList()));
            }
        }
    }

    /** An integer in {@code [min, max]}. */
    static long integer(ObjectNode body, String key, long min, long max) {
        JsonNode v = body.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badRequest("bad_setting", "setting \"" + key + "\" must be an integer");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw ApiException.badRequest("bad_setting", "setting \"" + key + "\" is " + n + ", outside " + min
                    + ".." + max);
        }
        return n;
    }

    static String clip(String s) {
        String c = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }
}
