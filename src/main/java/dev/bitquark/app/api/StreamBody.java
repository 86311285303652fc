package dev.bitquark.app.api;

import dev.bitquark.engine.FileStream;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

/**
 * The entity of a stream response: bytes {@code first..last} (inclusive) of an open {@link FileStream}, written
 * by {@link StreamBodyWriter}, which closes the stream when done. {@code head} holds the range's first bytes, read
 * before the status line was decided (so that an error could still be answered as JSON); the writer sends it
 * first and reads the rest. {@code context} is the request's Vert.x context: engine futures complete on the
 * engine's context, and the response is written from the request's. Immutable.
 */
public record StreamBody(FileStream stream, long first, long last, Buffer head, Context context) {
    public long length() {
        return last - first + 1;
    }
}
