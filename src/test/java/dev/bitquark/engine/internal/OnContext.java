package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.metainfo.TorrentWriter;
import dev.bitquark.storage.PieceStorage;
import dev.bitquark.testkit.InMemoryStorage;
import dev.bitquark.testkit.ManualScheduler;
import dev.bitquark.testkit.ScriptedPeer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An engine runtime for tests of a torrent's parts without the network: a Vert.x context as the
 * engine context, virtual time ({@link ManualScheduler}), in-memory storage, and peers played by
 * {@link ScriptedPeer}s on fake sockets.
 * Disk and hash work still run on the runtime's worker pools, as in the engine. {@link #call} runs
 * on the context and waits; {@link #waitUntil} polls there.
 */
final class OnContext implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Path DIR = Path.of("/nonexistent/in-memory");
    static final Duration POLL = Duration.ofMillis(100);

    final Vertx vertx = Vertx.vertx();
    final Context context = vertx.getOrCreateContext();
    final List<InMemoryStorage> storages = new CopyOnWriteArrayList<>();
    /** The engine's time: it moves only in {@link #advance} and {@link #waitUntil}. */
    final ManualScheduler clock = new ManualScheduler();
    final EngineRuntime rt;

    /** A runtime whose torrents get empty in-memory storages. */
    OnContext() {
        this(null);
    }

    /** A runtime whose torrents get storages made by {@code storage} (null: empty in-memory ones). */
    OnContext(PieceStorage.Factory storage) {
        EngineConfig config = new EngineConfig("127.0.0.1", 0, DIR)
                .withStorage(storage != null ? storage : InMemoryStorage.factory(storages));
        rt = new EngineRuntime(vertx, context, config, PeerId.random(), clock);
    }

    /** A single-file torrent of {@code content} with {@code pieceLength} pieces. */
    static Metainfo torrentOf(String name, byte[] content, int pieceLength) throws Exception {
        return Metainfo.parse(TorrentWriter.singleFile(name, content).pieceLength(pieceLength).write());
    }

    static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A torrent in this runtime, begun (it checks its storage, then goes live). */
    Torrent torrent(Metainfo meta) throws Exception {
        return call(() -> {
            Torrent t = new Torrent(rt, meta, TorrentOptions.defaults(DIR), null, null);
            t.begin(null, false);
            return t;
        });
    }

    /** Attaches {@code peer} to {@code t} as a connection it accepted, and has the peer send its handshake. */
    void connect(Torrent t, ScriptedPeer peer, boolean fast, boolean extensions) throws Exception {
        run(() -> {
            t.attach(peer.socket(), new InetSocketAddress("192.0.2.1", 6881 + t.connectionCount()), false, null, null);
            peer.handshake(t.metainfo().infoHash(), fast, extensions);
        });
    }

    <T> T call(Callable<T> action) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                f.complete(action.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void run(ThrowingRunnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Moves the engine's time by {@code d} on the context, running the timers due (the 1 s tick…). */
    void advance(Duration d) throws Exception {
        run(() -> clock.advance(d));
    }

    /**
     * Polls {@code condition} on the context until it holds; each poll moves the engine's time 100 ms (disk and hash
     * work still takes real time on the worker pools).
     */
    void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!call(() -> {
            clock.advance(POLL);
            return condition.call();
        })) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
