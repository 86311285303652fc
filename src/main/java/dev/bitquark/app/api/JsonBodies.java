package dev.bitquark.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * JSON request bodies read by the resources themselves (they take the body as text), so that a
 * body that does not parse or does not fit is a 400 {@code bad_json} in the API's error form,
 * naming the field ({@code files[2].index}) and the position; and strict reading of small settings
 * documents (limits, settings): unknown keys and values of the wrong type or range are a 400 that
 * names the key. Stateless; the mapper is thread-safe.
 */
final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings documents are a few hundred bytes; anything far larger is not one. */
    static final int MAX_SETTINGS_CHARS = 64 * 1024;

    private JsonBodies() {
    }

    /** {@code body} as a {@code type}; an empty body is a 400 that says what to send ({@code example}). */
    static <T> T read(String body, Class<T> type, String example) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("bad_json", "empty body: send " + example);
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("bad_json", "the body is null: send " + example);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw badJson(e);
        }
    }

    static JsonNode tree(String body, String example) {
        return read(body, JsonNode.class, example);
    }

    /** The body as a JSON object of at most {@link #MAX_SETTINGS_CHARS} characters. */
    static ObjectNode object(String body) {
        if (body != null && body.length() > MAX_SETTINGS_CHARS) {
            throw ApiException.badRequest("bad_json", "body of " + body.length() + " characters, at most "
                    + MAX_SETTINGS_CHARS);
        }
        JsonNode root = tree(body, "a JSON object");
        if (!root.isObject()) {
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

    /** A JSON true or false (not a string or a number). */
    static boolean bool(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || !v.isBoolean()) {
            throw ApiException.badRequest("bad_setting", "setting \"" + key + "\" must be true or false");
        }
        return v.booleanValue();
    }

    static String clip(String s) {
        String c = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return c.replaceAll("\\p{Cntrl}", "?");
    }

    private static ApiException badJson(JsonProcessingException e) {
        StringBuilder m = new StringBuilder("the JSON body is not valid here");
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            m.append(" at ").append(path(jm));
        }
        m.append(": ").append(e.getOriginalMessage());
        if (e.getLocation() != null) {
            m.append(" (line ").append(e.getLocation().getLineNr()).append(", column ")
                    .append(e.getLocation().getColumnNr()).append(')');
        }
        return ApiException.badRequest("bad_json", m.toString());
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return sb.toString();
    }
}
