package dev.bitquark.app.api;

import dev.bitquark.engine.FileStream;
import dev.bitquark.engine.StreamException;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes a {@link StreamBody} with back-pressure and never blocks: one block ({@value #BLOCK} bytes) is read from
 * the engine at a time (which waits for its pieces if they are not downloaded yet), written, and the next block is
 * read only once the connection's write queue has room (Vert.x drain handler). Memory per response is one block
 * plus the write queue, whatever the file size.
 *
 * <p>Ends: after the last byte the response ends and the stream closes. If the client goes away, the stream closes
 * at once (its deadlines are dropped and a waiting read is cancelled). If the first read fails (file deselected,
 * torrent paused or removed), nothing has been sent yet and the client gets the API's JSON error with a fitting
 * status; a later failure resets the connection, so a truncated body is never taken for a whole one.
 *
 * <p>Threading: runs on the request's event loop; engine callbacks hop back onto it, so the state below is only
 * touched from that one thread.
 */
@Provider
public final class StreamBodyWriter implements ServerMessageBodyWriter<StreamBody> {
    static final int BLOCK = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(StreamBodyWriter.class);

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return StreamBody.class.equals(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StreamBody.class.equals(type);
    }

    @Override
    public void writeTo(StreamBody body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        throw new UnsupportedOperationException("a stream body is written asynchronously");
    }

    @Override
    public void writeResponse(StreamBody body, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext ctx = (ResteasyReactiveRequestContext) context;
        ctx.suspend();
        new Pump(ctx, body).start();
    }

    /** One response being written. */
    private static final class Pump {
        private final ResteasyReactiveRequestContext ctx;
        private final ServerHttpResponse response;
        private final StreamBody body;
        private final FileStream stream;
        private long next;
        private boolean done;

        Pump(ResteasyReactiveRequestContext ctx, StreamBody body) {
            this.ctx = ctx;
            this.response = ctx.serverResponse();
            this.body = body;
            this.stream = body.stream();
            this.next = body.first();
        }

        void start() {
            // The client went away (player seeked, closed): stop reading, drop the stream's deadlines.
            response.addCloseHandler(() -> finish(false));
            response.setResponseHeader("Content-Length", Long.toString(body.length()));
            pump();
        }

        private void pump() {
            if (done) {
                return;
            }
            if (response.closed()) {
                finish(false);
                return;
            }
            if (next > body.last()) {
                response.end();
                finish(true);
                return;
            }
            int n = (int) Math.min(BLOCK, body.last() - next + 1);
            stream.read(next, n).onComplete(ar -> {
                if (body.context() == null) {
                    onRead(ar, n);
                } else {
                    body.context().runOnContext(v -> onRead(ar, n));
                }
            });
        }

        private void onRead(AsyncResult<Buffer> ar, int n) {
            if (done) {
                return;
            }
            if (ar.failed()) {
                failed(ar.cause());
                return;
            }
            next += n;
            response.write(ar.result().getBytes(), error -> {
                if (error != null) {
                    finish(false);
                }
            });
            if (response.isWriteQueueFull()) {
                response.addDrainHandler(this::pump);
            } else {
                pump();
            }
        }

        private void failed(Throwable cause) {
            if (response.headWritten()) {
                // Part of the body is out: all we can do is cut the connection (Content-Length tells the client).
                LOG.debugf("stream of file %d broke off at byte %d: %s", stream.fileIndex(), next, cause.getMessage());
                response.reset();
                finish(false);
                return;
            }
            int status = 500;
            String code = "internal";
            if (cause instanceof StreamException se) {
                switch (se.kind()) {
                    case FILE_SKIPPED, TORRENT_STOPPED -> {
                        status = 409;
                        code = "conflict";
                    }
                    case TORRENT_REMOVED, CLOSED -> {
                        status = 404;
                        code = "not_found";
                    }
                    case TOO_MANY_STREAMS -> {
                        status = 503;
                        code = "busy";
                    }
                    case READ_FAILED -> code = "read_failed";
                }
            } else {
                LOG.errorf(cause, "stream of file %d failed", stream.fileIndex());
            }
            for (String h : new String[] {"Content-Length", "Content-Range", "Content-Disposition", "Accept-Ranges"}) {
                response.removeResponseHeader(h);
            }
            byte[] json = new JsonObject().put("error", code).put("message", String.valueOf(cause.getMessage()))
                    .encode().getBytes(StandardCharsets.UTF_8);
            response.setStatusCode(status);
            response.setResponseHeader("Content-Type", "application/json");
            response.setResponseHeader("Content-Length", Integer.toString(json.length));
            response.end(json);
            finish(true);
        }

        private void finish(boolean ended) {
            if (done) {
                return;
            }
            done = true;
            stream.close();
            if (!ended && !response.closed()) {
                response.reset();
            }
            ctx.resume();
        }
    }
}
