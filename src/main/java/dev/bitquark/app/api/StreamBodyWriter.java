package dev.bitquark.app.api;

import dev.bitquark.engine.FileStream;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes a {@link StreamBody} with back-pressure and never blocks: its first block was read before the status line
 * (see {@link StreamResource}); then one block ({@value #BLOCK} bytes) at a time is read from the engine (which
 * waits for its pieces if they are not downloaded yet) and written, and the next read starts only once the
 * connection's write queue has room. Memory per response is one block plus the write queue, whatever the size.
 *
 * <p>At most one read is in flight, ever: the response's drain handler stays registered once set (Vert.x calls
 * it at every drain), so it resumes the pump only if the pump is waiting for it ({@link Pump#awaitingDrain}). A
 * second concurrent read would send some blocks twice and skip others under a correct {@code Content-Length}.
 *
 * <p>Ends: after the last byte the response ends and the stream closes. If the client goes away, the stream closes
 * at once (its deadlines are dropped and a waiting read is cancelled). Every error the stream can know before it
 * starts (skipped file, stopped torrent, removed torrent) was answered as JSON by the resource; a failure after
 * bytes went out (the torrent paused or removed meanwhile, a disk error) resets the connection, so a truncated body
 * is never taken for a whole one, and no byte that is not the file's is ever sent.
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
    static final class Pump {
        private final ResteasyReactiveRequestContext ctx;
        private final HttpServerResponse response;
        private final StreamBody body;
        private final FileStream stream;
        /** First byte not yet asked of the engine. */
        private long next;
        /** A read of the engine is in flight. */
        private boolean reading;
        /** The write queue was full: the next drain resumes the pump. */
        private boolean awaitingDrain;
        private boolean done;

        Pump(ResteasyReactiveRequestContext ctx, StreamBody body) {
            this.ctx = ctx;
            this.response = ctx.serverRequest().unwrap(HttpServerResponse.class);
            this.body = body;
            this.stream = body.stream();
            this.next = body.first();
        }

        void start() {
            // The client went away (player seeked, closed): stop reading, drop the stream's deadlines.
            response.closeHandler(v -> finish(false));
            response.drainHandler(v -> {
                if (awaitingDrain) {
                    awaitingDrain = false;
                    pump();
                }
            });
            response.putHeader("Content-Length", Long.toString(body.length()));
            if (response.closed()) {
                finish(false);
                return;
            }
            Buffer head = body.head();
            if (head != null && head.length() > 0) {
                sent(head);
            } else {
                pump();
            }
        }

        /** Reads the next block unless one is in flight, the queue is full, or everything was sent. */
        private void pump() {
            if (done || reading || awaitingDrain) {
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
            reading = true;
            stream.read(next, n).onComplete(ar -> {
                if (body.context() == null) {
                    onRead(ar, n);
                } else {
                    body.context().runOnContext(v -> onRead(ar, n));
                }
            });
        }

        private void onRead(AsyncResult<Buffer> ar, int n) {
            reading = false;
            if (done) {
                return;
            }
            if (ar.failed()) {
                // Bytes went out already (at least the head): all we can do is cut the connection.
                LOG.debugf("stream of file %d broke off at byte %d: %s", stream.fileIndex(), next,
                        ar.cause().getMessage());
                finish(false);
                return;
            }
            Buffer block = ar.result();
            if (block.length() != n) {
                LOG.errorf("stream of file %d: read of %d bytes at %d gave %d", stream.fileIndex(), n, next,
                        block.length());
                finish(false);
                return;
            }
            sent(block);
        }

        /** Writes a block that starts at {@link #next}, then reads on or waits for the queue to drain. */
        private void sent(Buffer block) {
            next += block.length();
            response.write(block).onFailure(e -> finish(false));
            if (response.writeQueueFull()) {
                awaitingDrain = true;
            } else {
                pump();
            }
        }

        private void finish(boolean ended) {
            if (done) {
                return;
            }
            done = true;
            stream.close();
            if (!ended && !response.closed() && !response.ended()) {
                response.reset();
            }
            ctx.resume();
        }
    }
}
