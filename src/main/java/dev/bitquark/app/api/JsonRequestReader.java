package dev.bitquark.app.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reads every {@link JsonRequest} body: at most {@value #MAX_BYTES} bytes, then bound by
 * {@link JsonBodies#read} (strict: unknown fields and mismatched types are a 400 {@code bad_json}
 * naming the field and position). An {@link ApiException} a record's creator throws reaches the
 * client as it is. An empty body is a 400 that shows the record's {@code @Schema} example.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public final class JsonRequestReader implements MessageBodyReader<JsonRequest> {
    /** JSON request bodies are small documents (the largest: file priorities of a torrent with very many files). */
    static final int MAX_BYTES = 4 << 20;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonRequest.class.isAssignableFrom(type);
    }

    @Override
    public JsonRequest readFrom(Class<JsonRequest> type, Type genericType, Annotation[] annotations,
                                MediaType mediaType, MultivaluedMap<String, String> headers, InputStream entity)
            throws IOException {
        byte[] bytes = entity.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw ApiException.badRequest("bad_json", "body of more than " + MAX_BYTES + " bytes; a JSON request"
                    + " body is a small document");
        }
        return JsonBodies.read(new String(bytes, StandardCharsets.UTF_8), type, example(type));
    }

    /** The body's example from its {@code @Schema}, for a message about an empty body. */
    static String example(Class<?> type) {
        Schema s = type.getAnnotation(Schema.class);
        return s != null && !s.example().isEmpty() ? s.example() : "a JSON object";
    }

}
