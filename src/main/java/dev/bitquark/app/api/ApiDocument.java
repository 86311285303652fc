package dev.bitquark.app.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Makes {@code /q/openapi} exact enough to generate the web UI's types from: every API operation may
 * answer the error form ({@code ApiError}: a code and a message), and in what the server sends (every
 * schema not used in a request body) a field is required unless it is marked nullable, since records
 * always write every field. Request bodies keep their optional fields. Runs once, at build time.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public final class ApiDocument implements OASFilter {
    static final String ERROR = "ApiError";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents().addSchema(ERROR, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error: error is a stable code for programs, message a sentence for people")
                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("error", "message")));
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> sent = new HashSet<>(schemas.keySet());
        sent.removeAll(requestSchemas(api, schemas));
        for (String name : sent) {
            Schema s = schemas.get(name);
            if (s.getProperties() == null || s.getProperties().isEmpty()) {
                continue;
            }
            List<String> required = new ArrayList<>();
            s.getProperties().forEach((field, p) -> {
                if (p.getType() == null || !p.getType().contains(Schema.SchemaType.NULL)) {
                    required.add(field);
                }
            });
            s.setRequired(required.isEmpty() ? null : required);
        }
        for (Map.Entry<String, PathItem> e : api.getPaths().getPathItems().entrySet()) {
            if (!e.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation op : e.getValue().getOperations().values()) {
                if (op.getResponses() != null && op.getResponses().getAPIResponse("default") == null) {
                    op.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                            .description("An error (4xx, 5xx)")
                            .content(OASFactory.createContent().addMediaType("application/json",
                                    OASFactory.createMediaType().schema(OASFactory.createSchema()
                                            .ref(ERROR)))));
                }
            }
        }
    }

    /** The schemas request bodies use, and the schemas those use. */
    private static Set<String> requestSchemas(OpenAPI api, Map<String, Schema> schemas) {
        Deque<Schema> todo = new ArrayDeque<>();
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    for (MediaType m : op.getRequestBody().getContent().getMediaTypes().values()) {
                        if (m.getSchema() != null) {
                            todo.add(m.getSchema());
                        }
                    }
                }
            }
        }
        Set<String> names = new HashSet<>();
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (s.getRef() != null) {
                String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
                if (names.add(name) && schemas.containsKey(name)) {
                    todo.add(schemas.get(name));
                }
            }
            if (s.getProperties() != null) {
                todo.addAll(s.getProperties().values());
            }
            if (s.getItems() != null) {
                todo.add(s.getItems());
            }
        }
        return names;
    }
}
