package dev.bitquark.app.api;

import dev.bitquark.engine.FileStream;
import io.vertx.core.Context;

/**
 * The entity of a stream response: bytes {@code first..last} (inclusive) of an open {@link FileStream}, written
 * by {@link StreamBodyWriter}, which closes the stream when done. {@code context} is the request's Vert.x context:
 * engine futures complete on the engine's context, and the response is written from the request's. Immutable.
 */
public record StreamBody(FileStream stream, long first, long last, Context context) {
    public long length() {
        return last - first + 1;
    }
}
