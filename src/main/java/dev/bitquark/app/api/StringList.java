package dev.bitquark.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The one field of a {@code {"key": ["…", …]}} body: a non-empty list of at most {@code max} strings. */
final class StringList {
    private StringList() {
    }

    static List<String> read(JsonNode body, String key, int max) {
        ObjectNode o = JsonBodies.object(body);
        JsonBodies.onlyFields(o, List.of(key));
        JsonNode list = o.get(key);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.badRequest("bad_json", "\"" + key + "\" must be a non-empty list of strings");
        }
        if (list.size() > max) {
            throw ApiException.badRequest("bad_json", "\"" + key + "\" has " + list.size() + " entries; at most " + max);
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw ApiException.badRequest("bad_json", key + "[" + i + "] must be a string");
            }
            out.add(list.get(i).textValue());
        }
        return List.copyOf(out);
    }
}
