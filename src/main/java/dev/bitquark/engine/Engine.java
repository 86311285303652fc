package dev.bitquark.engine;

import dev.bitquark.engine.internal.ConnectionTrim;
import dev.bitquark.engine.internal.EngineRuntime;
import dev.bitquark.engine.internal.IncomingOpening;
import dev.bitquark.engine.internal.Torrent;
import dev.bitquark.engine.internal.TorrentSlot;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.PeerId;
import dev.bitquark.tracker.Scheduler;
import dev.bitquark.engine.internal.TorrentQueue;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.wire.WireException;
import dev.bitquark.wire.mse.MseResponder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The torrent engine: owns all torrent state on one Vert.x event-loop context (the engine context),
 * so engine state needs no locks. Public methods may be called from any thread; they hop onto the
 * engine context and return {@link Future}s completed there.
 */
public final class Engine {
    /** Life of the engine as seen by health checks. */
    public enum Status { STARTING, RUNNING, STOPPING, STOPPED }

    /** An incoming connection must name its torrent within this time (BEP 3 handshake). */
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    /** Handshakes in progress at once; more are refused (a flood must not exhaust memory or fds). */
    private static final int MAX_PENDING_HANDSHAKES = 64;

    private final Vertx vertx;
    private final EngineConfig config;
    private final Context context;
    private final PeerId peerId = PeerId.random();
    private final AtomicReference<Status> status = new AtomicReference<>(Status.STARTING);
    private final AtomicReference<Future<Void>> closing = new AtomicReference<>();
    /** Changed on the engine context only; concurrent so that {@link #find} reads it from any thread. */
    private final Map<InfoHash, TorrentSlot> torrents = new java.util.concurrent.ConcurrentHashMap<>();
    /** The torrents by HASH('req2', info-hash), how an MSE handshake names one; changed with {@link #torrents}. */
    private final Map<ByteBuffer, InfoHash> byReq2 = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final EngineRuntime runtime;
    private final TrackerClient trackers;
    private NetServer listener;
    private final TorrentQueue queue;
    private int pendingHandshakes;
    /** Incoming connections whose handshake named a torrent of ours: one proves the peer port is reachable. */
    private long incomingPeers;

    private Engine(Vertx vertx, EngineConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.context = vertx.getOrCreateContext();
        this.runtime = new EngineRuntime(vertx, context, config, peerId, Scheduler.of(vertx));
        this.trackers = new TrackerClient(vertx);
        this.queue = new TorrentQueue(runtime, torrents::values);
        runtime.setQueue(queue);
    }

    /** Creates an engine on a new event-loop context and binds the peer listener. */
    public static Future<Engine> start(Vertx vertx, EngineConfig config) {
        Engine engine = new Engine(vertx, config);
        Promise<Engine> started = Promise.promise();
        // Listen from inside the engine context so accepted sockets inherit it (one owner of state).
        engine.context.runOnContext(v -> engine.bind().onComplete(ar -> {
            if (ar.succeeded()) {
                engine.runtime.listenPort(engine.listener.actualPort());
                engine.status.set(Status.RUNNING);
                engine.queue.start();
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

    /**
     * An incoming connection: read the first 48 bytes of its handshake to learn the info-hash (BEP
     * 3), after an MSE handshake if it opens with one, then hand the socket to that torrent. Unknown
     * torrents and slow or bad handshakes are closed.
     */
    private void onIncoming(NetSocket socket) {
        if (pendingHandshakes >= MAX_PENDING_HANDSHAKES || status.get() != Status.RUNNING) {
            socket.close();
            return;
        }
        pendingHandshakes++;
        IncomingOpening opening = new IncomingOpening(
                req2 -> byReq2.get(ByteBuffer.wrap(req2)), random);
        boolean[] done = {false};
        long timer = runtime.scheduler().schedule(java.time.Duration.ofMillis(HANDSHAKE_TIMEOUT_MS), () -> {
            if (!done[0]) {
                done[0] = true;
                pendingHandshakes--;
                socket.close();
            }
        });
        socket.closeHandler(v -> {
            if (!done[0]) {
                done[0] = true;
                pendingHandshakes--;
                runtime.scheduler().cancel(timer);
            }
        });
        socket.handler(data -> {
            if (done[0]) {
                return;
            }
            try {
                byte[] reply = opening.feed(data.getByteBuf().nioBuffer());
                if (reply.length > 0) {
                    socket.write(Buffer.buffer(reply));
                }
            } catch (WireException e) {
                done[0] = true;
                pendingHandshakes--;
                runtime.scheduler().cancel(timer);
                socket.close();
                return;
            }
            if (!opening.hasInfoHash()) {
                return;
            }
            done[0] = true;
            pendingHandshakes--;
            runtime.scheduler().cancel(timer);
            TorrentSlot t = torrents.get(opening.infoHash());
            if (t == null) {
                socket.close();
                return;
            }
            incomingPeers++;
            SocketAddress remote = socket.remoteAddress();
            t.attach(socket, new InetSocketAddress(remote.hostAddress(), remote.port()), false, opening.decoder(),
                    opening.rest());
        });
    }

    /**
     * Adds a torrent: its files go under {@code options.saveDir()}; it checks what is already on
     * disk, then goes live. Adding a torrent that is already in the engine returns its handle.
     */
    public Future<TorrentHandle> add(Metainfo metainfo, TorrentOptions options) {
        return add(metainfo, options, null);
    }

    /**
     * Adds a torrent with the resume data saved for it (or null). With resume data whose files are
     * unchanged (sizes and times), only a spot check runs before its pieces are trusted (fast
     * resume); otherwise every piece is checked. Priorities, limits, totals, the save folder and a
     * paused or failed state are restored (a paused torrent is not checked until resumed). Without
     * resume data, the priorities, limits and paused start of {@code options} hold from the start.
     * Adding the metainfo of a magnet still fetching its metadata ends the fetch with it (same handle).
     *
     * @throws EngineException (failing the future) {@code INVALID_ARGUMENT} if the resume data is for another
     *     torrent, or {@code options} give file priorities for another number of files; {@code STORAGE} if the
     *     torrent's files cannot be set up
     */
    public Future<TorrentHandle> add(Metainfo metainfo, TorrentOptions options, ResumeData resume) {
        Promise<TorrentHandle> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                if (resume != null && !resume.infoHash().equals(metainfo.infoHash())) {
                    throw new IllegalArgumentException("resume data is for torrent " + resume.infoHash()
                            + ", not " + metainfo.infoHash());
                }
                int files = metainfo.files().size();
                if (!options.filePriorities().isEmpty() && options.filePriorities().size() != files) {
                    throw new IllegalArgumentException(options.filePriorities().size()
                            + " file priorities for a torrent of " + files + " files");
                }
                TorrentSlot slot = torrents.get(metainfo.infoHash());
                if (slot == null) {
                    Torrent t = new Torrent(runtime, metainfo, options, trackers, resume);
                    slot = TorrentSlot.of(t);
                    TorrentPolicy policy = resume != null ? resume.policy() : options.policy();
                    slot.restoreSessionParts(policy, queue.orderFor(resume != null ? resume.queueOrder() : 0),
                            resume != null ? resume.times() : TorrentTimes.NONE);
                    torrents.put(metainfo.infoHash(), slot);
                    byReq2.put(ByteBuffer.wrap(MseResponder.req2(metainfo.infoHash())), metainfo.infoHash());
                    t.begin(resume, queue.startsQueued(policy));
                    queue.soon();
                } else {
                    // A magnet still fetching its metadata takes it from here (the info-hash matches).
                    slot.supplyMetadata(metainfo);
                }
                p.complete(new TorrentHandle(context, slot));
            } catch (RuntimeException | dev.bitquark.storage.StorageException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }

    /**
     * Adds a torrent from a magnet link (BEP 9): its handle is in {@link TorrentState#METADATA}
     * while the info dictionary is fetched from peers (the magnet's {@code x.pe} peers, those of
     * {@code options.initialPeers()} and those its {@code tr} trackers return); once verified
     * against the info-hash, the listener hears {@code metadataReceived} and the same handle goes
     * on as a normal torrent (checking, then live). Adding an info-hash already in the engine
     * returns its handle.
     */
    public Future<TorrentHandle> addMagnet(Magnet magnet, TorrentOptions options) {
        // A paused start applies to the magnet itself; the torrent it becomes follows its state then.
        return addMagnet(magnet, options.withStartPaused(false), options.startPaused());
    }

    /** As {@link #addMagnet(Magnet, TorrentOptions)}; {@code paused}: stays paused until resumed (a restored magnet). */
    public Future<TorrentHandle> addMagnet(Magnet magnet, TorrentOptions options, boolean paused) {
        return addMagnet(magnet, options, paused, 0);
    }

    /**
     * As {@link #addMagnet(Magnet, TorrentOptions, boolean)}, restoring a stored link's place in the queue
     * ({@code queueOrder}; 0: after every other torrent).
     */
    public Future<TorrentHandle> addMagnet(Magnet magnet, TorrentOptions options, boolean paused, long queueOrder) {
        Promise<TorrentHandle> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                TorrentSlot slot = torrents.get(magnet.infoHash());
                if (slot == null) {
                    slot = TorrentSlot.magnet(runtime, magnet, options, trackers);
                    slot.restoreSessionParts(options.policy(), queue.orderFor(queueOrder), TorrentTimes.NONE);
                    torrents.put(magnet.infoHash(), slot);
                    byReq2.put(ByteBuffer.wrap(MseResponder.req2(magnet.infoHash())), magnet.infoHash());
                    slot.beginMagnet(paused, queue.startsQueued(options.policy()));
                    queue.soon();
                }
                p.complete(new TorrentHandle(context, slot));
            } catch (RuntimeException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }

    /**
     * Removes a torrent: it stops (announcing {@code stopped}) and its storage is closed. With
     * {@code deleteFiles} exactly the torrent's files are deleted, then the folders its layout
     * implies if they are empty; nothing else. The listener hears {@code removed}.
     */
    public Future<Void> remove(InfoHash infoHash, boolean deleteFiles) {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            TorrentSlot t = torrents.remove(infoHash);
            byReq2.remove(ByteBuffer.wrap(MseResponder.req2(infoHash)));
            if (t == null) {
                p.fail(new EngineException(EngineException.Kind.NOT_FOUND, "no torrent " + infoHash + " in the engine"));
                return;
            }
            queue.soon(); // a slot frees
            t.remove(deleteFiles).onComplete(p);
        });
        return p.future();
    }

    /** The handle of the torrent with {@code infoHash}, if it is in the engine. Any thread, no hop. */
    public java.util.Optional<TorrentHandle> find(InfoHash infoHash) {
        TorrentSlot slot = torrents.get(infoHash);
        return slot == null ? java.util.Optional.empty() : java.util.Optional.of(new TorrentHandle(context, slot));
    }

    /** Handles of every torrent in the engine, in no particular order. */
    public Future<List<TorrentHandle>> torrents() {
        Promise<List<TorrentHandle>> p = Promise.promise();
        context.runOnContext(v -> p.complete(torrents.values().stream().map(t -> new TorrentHandle(context, t)).toList()));
        return p.future();
    }

    /**
     * Session-wide bandwidth limits in bytes/s (0 = unlimited), shared fairly by every connection of
     * every torrent, on top of each torrent's own limits. Changeable at any time.
     */
    public Future<Void> setRateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond) {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                runtime.setRateLimits(downloadBytesPerSecond, uploadBytesPerSecond);
                p.complete();
            } catch (RuntimeException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }

    /**
     * Session-wide connection limit (dialing, handshaking and established, all torrents), changeable
     * at any time; starts as {@link EngineConfig#maxConnections()}. Lowering it below the
     * connections open closes the least useful of them, across torrents, at once.
     */
    public Future<Void> setMaxConnections(int max) {
        return onContext(() -> {
            runtime.setMaxConnections(max);
            ConnectionTrim.toSessionLimit(torrents.values(), max);
        });
    }

    /**
     * Torrents allowed to check their files at once, changeable at any time; starts as
     * {@link EngineConfig#maxConcurrentChecks()}. Running checks are never interrupted; waiting ones
     * start as soon as the new limit allows.
     */
    public Future<Void> setMaxConcurrentChecks(int max) {
        return onContext(() -> runtime.checks().setMax(max));
    }

    /** Moves one torrent to a place in the queue (0 first; past the end: last); unknown hashes are ignored. */
    public Future<Void> queueMoveTo(InfoHash hash, int position) {
        return onContext(() -> {
            TorrentSlot s = torrents.get(hash);
            if (s != null) {
                queue.moveTo(s, position);
            }
        });
    }

    private Future<Void> onContext(Runnable action) {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.run();
                p.complete();
            } catch (RuntimeException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }

    /** Totals and rates summed over the torrents in the engine, torrent counts by state, limits and counters. */
    public Future<SessionStats> sessionStats() {
        Promise<SessionStats> p = Promise.promise();
        context.runOnContext(v -> p.complete(sessionStatsNow()));
        return p.future();
    }

    /**
     * The session, every torrent, and the connections of the torrents in {@code peersOf}, in one
     * hop onto the engine context. Unknown hashes in {@code peersOf} are left out of the result.
     */
    public Future<EngineSnapshot> snapshot(java.util.Collection<InfoHash> peersOf) {
        Map<InfoHash, java.util.Set<EngineSnapshot.Part>> parts = new HashMap<>();
        for (InfoHash h : peersOf) {
            parts.put(h, java.util.EnumSet.of(EngineSnapshot.Part.PEERS));
        }
        return snapshot(parts);
    }

    /**
     * The session, every torrent, and the asked-for parts (peers, files, trackers, pieces) of some
     * torrents, in one hop onto the engine context. Unknown hashes are left out of the result.
     */
    public Future<EngineSnapshot> snapshot(Map<InfoHash, ? extends java.util.Set<EngineSnapshot.Part>> parts) {
        Map<InfoHash, java.util.Set<EngineSnapshot.Part>> wanted = new HashMap<>();
        parts.forEach((h, p) -> wanted.put(h, java.util.Set.copyOf(p)));
        Promise<EngineSnapshot> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                List<TorrentStats> stats = new ArrayList<>(torrents.size());
                for (TorrentSlot t : torrents.values()) {
                    stats.add(t.stats());
                }
                Map<InfoHash, EngineSnapshot.Details> details = new HashMap<>();
                wanted.forEach((h, want) -> {
                    TorrentSlot t = torrents.get(h);
                    if (t != null && !want.isEmpty()) {
                        details.put(h, new EngineSnapshot.Details(
                                want.contains(EngineSnapshot.Part.PEERS) ? t.phase().peerStats() : null,
                                want.contains(EngineSnapshot.Part.FILES) ? t.phase().fileStats() : null,
                                want.contains(EngineSnapshot.Part.TRACKERS) ? t.phase().trackers() : null,
                                want.contains(EngineSnapshot.Part.PIECES) ? t.phase().have() : null));
                    }
                });
                p.complete(new EngineSnapshot(sessionStats(stats), stats, details));
            } catch (RuntimeException e) {
                p.fail(EngineException.atBoundary(e));
            }
        });
        return p.future();
    }

    private SessionStats sessionStatsNow() {
        List<TorrentStats> stats = new ArrayList<>(torrents.size());
        for (TorrentSlot t : torrents.values()) {
            stats.add(t.stats());
        }
        return sessionStats(stats);
    }

    /** The session's figures from every torrent's stats, taken in the same turn of the engine context. */
    private SessionStats sessionStats(List<TorrentStats> stats) {
        int metadata = 0;
        int checking = 0;
        int live = 0;
        int seeding = 0;
        int paused = 0;
        int error = 0;
        int queued = 0;
        long down = 0;
        long up = 0;
        long downTotal = 0;
        long upTotal = 0;
        int peers = 0;
        for (TorrentStats t : stats) {
            switch (t.state()) {
                case METADATA -> metadata++;
                case CHECKING -> checking++;
                case LIVE -> {
                    live++;
                    seeding += t.finished() ? 1 : 0;
                }
                case PAUSED -> paused++;
                case QUEUED -> queued++;
                case ERROR -> error++;
            }
            down += t.downloadRate();
            up += t.uploadRate();
            downTotal += t.downloadedTotal();
            upTotal += t.uploadedTotal();
            peers += t.peersConnected();
        }
        return new SessionStats(torrents.size(), checking, live, seeding, paused, error, down, up, downTotal,
                upTotal, peers, runtime.downloadLimit(), runtime.uploadLimit(), runtime.connections(),
                runtime.maxConnections(), runtime.checks().max(), runtime.checks().waiting(), runtime.hashFailures(),
                runtime.diskJobs(), trackers.announcesSucceeded(), trackers.announcesFailed(), metadata, incomingPeers,
                queued, queue.settings().enabled());
    }

    /** The queue's limits (see {@link QueueSettings}); changeable at any time, applied at once. */
    public Future<Void> setQueueSettings(QueueSettings settings) {
        return onContext(() -> queue.setSettings(settings));
    }

    /** The session's seeding goals, for torrents without their own ({@link SeedGoals#SESSION}); applied at once. */
    public Future<Void> setDefaultSeedGoals(SeedGoals goals) {
        return onContext(() -> queue.setDefaultGoals(goals));
    }

    /** Moves torrents in the queue (unknown hashes are ignored), keeping their order among themselves. */
    public Future<Void> queueMove(java.util.Collection<InfoHash> hashes, QueueMove move) {
        return onContext(() -> {
            java.util.Set<TorrentSlot> chosen = new java.util.HashSet<>();
            for (InfoHash h : hashes) {
                TorrentSlot s = torrents.get(h);
                if (s != null) {
                    chosen.add(s);
                }
            }
            queue.move(chosen, TorrentQueue.Move.valueOf(move.name()));
        });
    }

    /**
     * Where engine events go (one listener; null removes it). Called on the engine context, so it
     * must not block. Set it before adding torrents to hear every event.
     */
    public Future<Void> setListener(EngineListener listener) {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> {
            runtime.setListener(listener);
            p.complete();
        });
        return p.future();
    }

    /** Number of torrents in the engine. */
    public Future<Integer> torrentCount() {
        Promise<Integer> p = Promise.promise();
        context.runOnContext(v -> p.complete(torrents.size()));
        return p.future();
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

    /**
     * Stops every torrent (announcing {@code stopped}), flushes and closes their files, stops
     * listening. A torrent's {@code paused} flag is left as it was, and each keeps the resume data
     * taken at shutdown: {@link TorrentHandle#resumeData()} still answers afterwards.
     */
    public Future<Void> close() {
        Promise<Void> closed = Promise.promise();
        if (!closing.compareAndSet(null, closed.future())) {
            return closing.get(); // closing once is enough; later calls share the first
        }
        status.set(Status.STOPPING);
        context.runOnContext(v -> {
            queue.stop();
            List<Future<Void>> all = new ArrayList<>();
            for (TorrentSlot t : torrents.values()) {
                all.add(t.phase().close());
            }
            Future.join(all)
                    .transform(ar -> listener == null ? Future.succeededFuture() : listener.close())
                    .transform(ar -> trackers.close())
                    .transform(ar -> runtime.close())
                    .onComplete(ar -> {
                        status.set(Status.STOPPED);
                        closed.complete();
                    });
        });
        return closed.future();
    }
}
