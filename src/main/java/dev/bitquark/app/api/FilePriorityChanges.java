package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code PATCH /api/v1/torrents/{id}/files}: {@code {"files": [{"index": 0, "priority": "skip"}, …]}},
 * or the bare list. Each entry is type-checked here (400 {@code bad_files} naming it); the indexes against
 * the torrent by {@link FilePriorityChange#validate}.
 */
@Schema(description = "New priorities of some files; the bare list [{\"index\":0,\"priority\":\"skip\"}] is accepted"
        + " too", example = "{\"files\": [{\"index\": 0, \"priority\": \"skip\"}]}")
// Read through its Jackson creator, also in a native image.
@RegisterForReflection(methods = true)
public record FilePriorityChanges(@Schema(required = true) List<FilePriorityChange> files) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FilePriorityChanges of(JsonNode body) {
        JsonNode array = body != null && body.isObject() ? body.get("files") : body;
        if (array == null || !array.isArray()) {
            throw ApiException.badRequest("bad_files", "expected [{\"index\":0,\"priority\":\"skip\"}, …] or "
                    + "{\"files\":[…]}");
        }
        List<FilePriorityChange> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String at = "files[" + i + "]";
            if (!e.isObject()) {
                throw ApiException.badRequest("bad_files", at + " must be an object {\"index\":…,\"priority\":…}");
            }
            JsonNode index = e.get("index");
            JsonNode priority = e.get("priority");
            if (index != null && !(index.isIntegralNumber() && index.canConvertToInt())) {
                throw ApiException.badRequest("bad_files", at + ".index must be a file index (a whole number), got "
                        + FilePriorityChange.clip(index.toString()));
            }
            if (priority != null && !priority.isTextual()) {
                throw ApiException.badRequest("bad_files", at + ".priority must be a string: skip, low, normal or high");
            }
            out.add(new FilePriorityChange(index == null ? null : index.intValue(),
                    priority == null ? null : priority.textValue()));
        }
        return new FilePriorityChanges(out);
    }
}
