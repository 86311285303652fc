package dev.bitquark.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON request bodies read by the resources themselves (they take the body as text), so that a
 * body that does not parse or does not fit is a 400 {@code bad_json} in the API's error form,
 * naming the field ({@code files[2].index}) and the position. Stateless; the mapper is thread-safe.
 */
final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

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
