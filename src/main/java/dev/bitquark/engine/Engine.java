package dev.bitquark.engine;

import dev.bitquark.metainfo.PeerId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The torrent engine: owns all torrent state on one Vert.x event-loop context (the engine context),
 * so engine state needs no locks. Public methods may be called from any thread; they hop onto the
 * engine context and return {@link Future}s completed there.
 */
public final class Engine {
    /** Life of the engine as seen by health checks. */
    public enum Status { STARTING, RUNNING, STOPPING, STOPPED }

    private final Vertx vertx;
    private final EngineConfig config;
    private final Context context;
    private final PeerId peerId = PeerId.random();
    private final AtomicReference<Status> status = new AtomicReference<>(Status.STARTING);
    private NetServer listener;

    private Engine(Vertx vertx, EngineConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.context = vertx.getOrCreateContext();
    }

    /** Creates an engine on a new event-loop context and binds the peer listener. */
    public static Future<Engine> start(Vertx vertx, EngineConfig config) {
        Engine engine = new Engine(vertx, config);
        Promise<Engine> started = Promise.promise();
        // Listen from inside the engine context so accepted sockets inherit it (one owner of state).
        engine.context.runOnContext(v -> engine.bind().onComplete(ar -> {
            if (ar.succeeded()) {
                engine.status.set(Status.RUNNING);
                started.complete(engine);
            } else {
                engine.status.set(Status.STOPPED);
                started.fail(new IllegalStateException("cannot listen for peers on "
                        + config.bindAddress() + ":" + config.peerPort() + ": " + ar.cause().getMessage(), ar.cause()));
            }
        }));
        return started.future();
    }

    private Future<Void> bind() {
        NetServerOptions options = new NetServerOptions()
                .setHost(config.bindAddress())
                .setPort(config.peerPort())
                .setTcpNoDelay(true)
                .setReuseAddress(true);
        listener = vertx.createNetServer(options).connectHandler(this::onIncoming);
        return listener.listen().mapEmpty();
    }

    private void onIncoming(NetSocket socket) {
        // No torrent is active yet, so any handshake would name an unknown info-hash: refuse (BEP 3).
        socket.close();
    }

    public Status status() {
        return status.get();
    }

    /** The port the peer listener is bound to (useful when configured with port 0). */
    public int peerPort() {
        return listener == null ? -1 : listener.actualPort();
    }

    public PeerId peerId() {
        return peerId;
    }

    public EngineConfig config() {
        return config;
    }

    /** Stops listening and releases the engine's resources. */
    public Future<Void> close() {
        status.set(Status.STOPPING);
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            Future<Void> f = listener == null ? Future.succeededFuture() : listener.close();
            f.onComplete(ar -> {
                status.set(Status.STOPPED);
                closed.handle(ar);
            });
        });
        return closed.future();
    }
}
