package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.PeerSource;
import dev.bitquark.engine.EngineListener;
import dev.bitquark.metainfo.PeerId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import dev.bitquark.tracker.Scheduler;

/**
 * What every torrent of one engine shares: the engine context, the clock, the worker pools, the
 * client socket factory, and the session-wide limits (connections, concurrent checks, bandwidth)
 * and listener. Created and used on the engine context.
 *
 * <p>Two named pools keep blocking work off the event loop: {@code bq-disk} for piece writes and
 * block reads, {@code bq-hash} for checks. Jobs run unordered ({@code ordered=false}): the default
 * ordered mode would serialize every job of the context and throttle hashing to one core.
 */
public final class EngineRuntime {
    private final Vertx vertx;
    private final Context context;
    private final EngineConfig config;
    private final PeerId peerId;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final WorkerExecutor disk;
    private final WorkerExecutor hash;
    private final NetClient netClient;
    private final int hashThreads;
    private final CheckSlots checks;
    /**
     * Slots for fast resume: its spot check stats the files and reads a few pieces, so more run at once than full
     * checks; one that finds a change queues for a {@link #checks} slot before it reads everything.
     */
    private final CheckSlots quickChecks = new CheckSlots(QUICK_CHECKS);
    static final int QUICK_CHECKS = 8;
    private final Throttle downThrottle;
    private final Throttle upThrottle;
    private EngineListener listener = new EngineListener() { };
    private int listenPort;
    private int maxConnections;
    private int connections;
    private long hashFailures;
    private int diskJobs;
    private int nextConnectionKey;

    /**
     * @param scheduler every timer of the engine and its clock ({@link #now()}: its monotonic time in ms): Vert.x
     *     timers in production, virtual time in tests
     */
    public EngineRuntime(Vertx vertx, Context context, EngineConfig config, PeerId peerId, Scheduler scheduler) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.peerId = peerId;
        this.scheduler = scheduler;
        this.ticker = new Ticker(scheduler, Torrent.TICK);
        int cores = Runtime.getRuntime().availableProcessors();
        this.disk = vertx.createSharedWorkerExecutor("bq-disk", Math.max(2, Math.min(4, cores)));
        this.hashThreads = Math.max(1, cores);
        this.hash = vertx.createSharedWorkerExecutor("bq-hash", hashThreads);
        this.netClient = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout(10_000)
                .setTcpNoDelay(true)
                .setLocalAddress(localAddress(config.bindAddress())));
        this.maxConnections = config.maxConnections();
        this.checks = new CheckSlots(config.maxConcurrentChecks());
        this.downThrottle = new Throttle(scheduler, 0);
        this.upThrottle = new Throttle(scheduler, 0);
    }

    private static String localAddress(String bind) {
        // Bind outgoing connections only when a specific address is configured.
        return bind == null || bind.equals("0.0.0.0") || bind.equals("::") ? null : bind;
    }

    /** Runs {@code job} on the disk pool; the future completes on the engine context. */
    public <T> Future<T> onDisk(Callable<T> job) {
        return disk.executeBlocking(job, false);
    }

    /** Runs {@code job} on the hash pool; the future completes on the engine context. */
    public <T> Future<T> onHashPool(Callable<T> job) {
        return hash.executeBlocking(job, false);
    }

    /** The hash pool as a plain executor (for the storage checker). */
    public Executor hashExecutor() {
        return r -> hash.executeBlocking(() -> {
            r.run();
            return null;
        }, false);
    }

    public int hashThreads() {
        return hashThreads;
    }

    /** Monotonic milliseconds of the engine's scheduler. */
    public long now() {
        return scheduler.nanoTime() / 1_000_000;
    }

    /** Every timer of the engine goes through this (one-shot, periodic) and so follows its clock. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The one periodic timer of every live torrent's {@link Torrent#TICK}. */
    Ticker ticker() {
        return ticker;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Context context() {
        return context;
    }

    public EngineConfig config() {
        return config;
    }

    public PeerId peerId() {
        return peerId;
    }

    public NetClient netClient() {
        return netClient;
    }

    public int listenPort() {
        return listenPort;
    }

    /** BEP 5: the UDP port of the engine's DHT source, or 0 without one. */
    public int dhtPort() {
        PeerSource dht = config.dht();
        return dht == null ? 0 : dht.dhtPort();
    }

    public void listenPort(int port) {
        this.listenPort = port;
    }

    /** Torrents waiting for, or holding, a check slot. */
    public CheckSlots checks() {
        return checks;
    }

    /** Torrents waiting for, or holding, a fast resume slot (see {@link #quickChecks}). */
    CheckSlots quickChecks() {
        return quickChecks;
    }

    /** The session-wide download limit, shared by every connection of every torrent. */
    Throttle downThrottle() {
        return downThrottle;
    }

    /** The session-wide upload limit, shared by every connection of every torrent. */
    Throttle uploadThrottle() {
        return upThrottle;
    }

    /** Session-wide limits in bytes/s, 0 = unlimited. */
    public void setRateLimits(long down, long up) {
        downThrottle.setRate(down);
        upThrottle.setRate(up);
    }

    public long downloadLimit() {
        return downThrottle.rate();
    }

    public long uploadLimit() {
        return upThrottle.rate();
    }

    /** A connection key unique in the engine (the session-wide throttles tell connections apart by it). */
    int nextConnectionKey() {
        return nextConnectionKey++;
    }

    /** Connections (dialing or attached) the global limit still allows; negative after the limit was lowered. */
    int connectionRoom() {
        return maxConnections - connections;
    }

    /**
     * Changes the session-wide connection limit at run time (starts as {@code EngineConfig.maxConnections}).
     * Lowering it closes nothing: no new connection is made or accepted until fewer than {@code max} are open.
     */
    public void setMaxConnections(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + max);
        }
        maxConnections = max;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** A downloaded piece failed its SHA-1 check (BEP 3), in any torrent. */
    void pieceHashFailed() {
        hashFailures++;
    }

    /** Pieces that failed their hash check since the engine started, all torrents together. */
    public long hashFailures() {
        return hashFailures;
    }

    /** A torrent's disk job was queued ({@code +1}) or ended ({@code -1}); see {@link DiskJobs}. */
    void diskJobs(int delta) {
        diskJobs += delta;
    }

    /** Disk jobs of all torrents queued or running on the disk pool. */
    public int diskJobs() {
        return diskJobs;
    }

    void connectionOpened() {
        connections++;
    }

    void connectionClosed() {
        connections--;
    }

    /** Connections dialing or attached, across all torrents. */
    public int connections() {
        return connections;
    }

    /** Until the engine sets its own: a queue over no torrents (off, no goals), for parts used on their own. */
    private TorrentQueue queue = new TorrentQueue(this, java.util.List::of);

    /** The queue and seeding goals (set once by the engine). */
    public TorrentQueue queue() {
        return queue;
    }

    public void setQueue(TorrentQueue q) {
        this.queue = q;
    }

    public EngineListener listener() {
        return listener;
    }

    public void setListener(EngineListener listener) {
        this.listener = listener == null ? new EngineListener() { } : listener;
    }

    /** Fails fast when called off the engine context (tests and assertions). */
    public void assertOnContext() {
        if (Vertx.currentContext() != context) {
            throw new IllegalStateException("not on the engine context: " + Thread.currentThread().getName());
        }
    }

    public Future<Void> close() {
        return netClient.close().eventually(() -> disk.close()).eventually(() -> hash.close());
    }
}
