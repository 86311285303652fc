package dev.bitquark.testkit;

import dev.bitquark.engine.Engine;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.metainfo.Metainfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A bitquark engine on its own Vert.x instance, listening on 127.0.0.1, for interop tests. */
public final class EngineUnderTest implements AutoCloseable {
    public final Vertx vertx = Vertx.vertx();
    public final Engine engine;

    public EngineUnderTest(Path downloadDir) throws Exception {
        this(new EngineConfig("127.0.0.1", 0, downloadDir));
    }

    public EngineUnderTest(EngineConfig config) throws Exception {
        engine = await(Engine.start(vertx, config), Duration.ofSeconds(20));
    }

    public TorrentHandle add(Path torrent, Path saveDir, List<InetSocketAddress> peers) throws Exception {
        Metainfo meta = Metainfo.parse(Files.readAllBytes(torrent));
        return await(engine.add(meta, TorrentOptions.defaults(saveDir).withInitialPeers(peers)), Duration.ofSeconds(20));
    }

    public String address() {
        return "127.0.0.1:" + engine.peerPort();
    }

    public static <T> T await(Future<T> f, Duration timeout) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the download to finish, failing with the torrent's last stats on timeout. */
    public static void awaitFinished(TorrentHandle h, Duration timeout) throws Exception {
        try {
            await(h.whenFinished(), timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            TorrentStats s = await(h.stats(), Duration.ofSeconds(5));
            throw new AssertionError("download did not finish in " + timeout + ": " + s, e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            await(engine.close(), Duration.ofSeconds(20));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
