package dev.bitquark.engine.internal;

import dev.bitquark.engine.EngineException;
import dev.bitquark.engine.FilePriority;
import dev.bitquark.engine.FileStats;
import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.PeerStats;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.engine.TorrentStats;
import dev.bitquark.engine.QueueSettings;
import dev.bitquark.engine.SeedGoals;
import dev.bitquark.engine.TorrentPolicy;
import dev.bitquark.engine.TorrentTimes;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.storage.StorageException;
import dev.bitquark.tracker.TrackerClient;
import dev.bitquark.wire.HandshakeDecoder;
import dev.bitquark.wire.MetadataMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One info-hash in the engine, for its whole life: its {@link Swarm} and its current
 * {@link TorrentPhase}, a {@link MetadataFetch} for a magnet link until the info dictionary is
 * verified, then the {@link Torrent} made from it (see {@code engine/STATE.md}). Handles and the
 * engine's routing of incoming connections hold the slot, so they follow that change. What only a
 * torrent can do goes through {@link #requireTorrent}, the one place the phases differ here.
 *
 * <p>Owned by the engine context: every method runs there, except {@link #torrent()},
 * {@link #hasMetadata()} and {@link #infoHash()}, which any thread may read.
 */
public final class TorrentSlot {
    private final InfoHash infoHash;
    private final EngineRuntime rt;
    private final TrackerClient trackers;
    private final Swarm swarm;
    private final Magnet magnet;
    private final Promise<Torrent> ready = Promise.promise();
    private volatile TorrentPhase phase;
    /** The session's parts, kept here because they outlive a magnet's fetch (see {@link #stats()}). */
    private TorrentPolicy policy = TorrentPolicy.DEFAULT;
    private long queueOrder;
    private int queuePosition;
    private long downloadingMillis;
    private long seedingMillis;
    private long lastActivityMillis;
    /** Time running is saved each time it passes a multiple of this (see the session's {@code StoredResume}). */
    static final long TIME_STEP_MILLIS = 600_000;
    /** Monotonic ms: when the pass last counted time for it, when it last ran at a speed that counts. */
    private long accountedAt = -1;
    private long lastFastAt;
    /** Bytes moved (down and up) at the last pass, -1 before the first pass of a run. */
    private long movedAtLastPass = -1;
    /** Wall ms when it last started running: idle seeding is counted from here at the earliest. */
    private long runningSinceWall;

    private TorrentSlot(InfoHash infoHash, EngineRuntime rt, TrackerClient trackers, Magnet magnet, Swarm swarm) {
        this.infoHash = infoHash;
        this.rt = rt;
        this.trackers = trackers;
        this.magnet = magnet;
        this.swarm = swarm;
    }

    /** A slot holding a torrent added with its metainfo. */
    public static TorrentSlot of(Torrent t) {
        TorrentSlot s = new TorrentSlot(t.infoHash(), t.rt(), null, null, t.swarm());
        s.phase = t;
        s.ready.complete(t);
        return s;
    }

    // ---- the session's parts: policy, queue order, times ------------------------------------------

    /** At add time: what the resume data (or stored link) kept, or the options' policy for a new torrent. */
    public void restoreSessionParts(TorrentPolicy p, long order, TorrentTimes times) {
        policy = p;
        if (phase instanceof Torrent t) {
            t.selection().setFirstLast(p.firstLastPieces());
        }
        queueOrder = order;
        downloadingMillis = times.downloadingSeconds() * 1000;
        seedingMillis = times.seedingSeconds() * 1000;
        lastActivityMillis = times.lastActivityMillis();
    }

    public TorrentPolicy policy() {
        return policy;
    }

    /** The user changed the category, tags, goals or forced start; saved with the next resume data. */
    public void setPolicy(TorrentPolicy p) {
        rt.assertOnContext();
        if (!p.equals(policy)) {
            policy = p;
            if (phase instanceof Torrent t) {
                t.selection().setFirstLast(p.firstLastPieces());
            }
            notifier().resumeDataChanged();
        }
    }

    long queueOrder() {
        return queueOrder;
    }

    void setQueueOrder(long order) {
        if (order != queueOrder) {
            queueOrder = order;
            notifier().resumeDataChanged();
        }
    }

    void setQueuePosition(int position) {
        queuePosition = position;
    }

    public TorrentTimes times() {
        return new TorrentTimes(downloadingMillis / 1000, seedingMillis / 1000, lastActivityMillis);
    }

    /**
     * The queue's pass, every second: counts the time since the last pass as downloading or seeding (if it ran
     * all along), notes whether data moved and whether it ran at a speed that counts (see {@link #isSlow}).
     */
    void account(long now, long wallNow, QueueSettings q) {
        TorrentPhase p = phase;
        TorrentState st = p.state();
        boolean running = st == TorrentState.LIVE || st == TorrentState.METADATA;
        if (!running) {
            accountedAt = -1;
            return;
        }
        if (accountedAt < 0) {
            lastFastAt = now;
            runningSinceWall = wallNow;
            movedAtLastPass = -1;
        } else {
            long dt = Math.max(0, now - accountedAt);
            long seedSteps = seedingMillis / TIME_STEP_MILLIS;
            long downSteps = downloadingMillis / TIME_STEP_MILLIS;
            if (st == TorrentState.LIVE && p.isFinished()) {
                seedingMillis += dt;
            } else {
                downloadingMillis += dt;
            }
            if (seedingMillis / TIME_STEP_MILLIS != seedSteps || downloadingMillis / TIME_STEP_MILLIS != downSteps) {
                // Time is saved a step at a time (the session skips saves that change nothing else), so a stop
                // does not rewrite every torrent for the seconds it ran.
                notifier().resumeDataChanged();
            }
        }
        accountedAt = now;
        // Activity from the totals, not the rates: exact, and a pass over thousands of idle torrents reads two
        // fields each instead of walking their rate windows (bench/many.sh). The rates matter only to tell slow
        // torrents, and only while connected.
        long moved = p.downloadedTotal() + p.uploadedTotal();
        if (moved != movedAtLastPass) {
            if (movedAtLastPass >= 0) {
                lastActivityMillis = wallNow;
            }
            movedAtLastPass = moved;
        }
        if (!q.ignoreSlow() || swarm.size() > 0 && (p.downloadRate() >= q.slowDownload()
                || p.uploadRate() >= q.slowUpload())) {
            lastFastAt = now;
        }
    }

    /** Running, but slower than the queue's thresholds for longer than its timer (not counted against limits). */
    boolean isSlow(long now, QueueSettings q) {
        return accountedAt >= 0 && now - lastFastAt > q.slowAfterSeconds() * 1000L;
    }

    /** The seeding goal a finished torrent has reached, or null. */
    String goalReached(SeedGoals effective, long wallNow) {
        TorrentPhase p = phase;
        if (!effective.any() || !p.looksFinished()) {
            return null;
        }
        double ratio = SeedGoals.ratioOf(p.uploadedTotal(), p.downloadedTotal(), p.wantedBytes());
        // Idle since the last byte moved (as qBittorrent measures it from last_activity), and at most since it last
        // started running; a torrent that never moved a byte is idle from its start.
        long idleFrom = p.state() == TorrentState.LIVE ? Math.max(lastActivityMillis, runningSinceWall)
                : lastActivityMillis;
        long idle = idleFrom > 0 ? Math.max(0, wallNow - idleFrom) / 1000 : 0;
        return effective.reached(ratio, seedingMillis / 1000, idle);
    }

    /** The last stats handed out, and the phase's stats they were made from (see {@link #stats()}). */
    private TorrentStats lastBase;
    private TorrentStats lastStats;

    /**
     * The stats of the current phase with the session's parts. Times are whole minutes here (the goals count
     * seconds), so that a torrent that stays quiet keeps handing out the same stats object, as its phase does
     * (see {@code QuietStats}): the live updates skip such torrents without comparing them field by field.
     */
    public TorrentStats stats() {
        TorrentStats base = phase.stats();
        SeedGoals effective = policy.goals().over(rt.queue().defaultGoals());
        String reached = goalReached(effective, System.currentTimeMillis());
        TorrentTimes times = new TorrentTimes(downloadingMillis / 60_000 * 60, seedingMillis / 60_000 * 60,
                lastActivityMillis);
        TorrentStats last = lastStats;
        if (base == lastBase && last != null && last.policy().equals(policy) && last.queuePosition() == queuePosition
                && last.queueOrder() == queueOrder && last.times().equals(times)
                && last.effectiveGoals().equals(effective) && java.util.Objects.equals(last.goalReached(), reached)) {
            return last;
        }
        TorrentStats next = base.withSessionParts(policy, queuePosition, queueOrder, times, effective, reached);
        lastBase = base;
        lastStats = next;
        return next;
    }

    /**
     * The user resumes the torrent: into the queue if it has one, else running. A torrent stopped by its seeding
     * goal and started again by hand seeds on without goals (as Transmission does: "restarted manually --
     * disabling its seed ratio"), or it would stop again at the next pass.
     */
    public Future<Void> resume() {
        rt.assertOnContext();
        TorrentQueue q = rt.queue();
        if (phase.state() == dev.bitquark.engine.TorrentState.PAUSED
                && goalReached(policy.goals().over(q.defaultGoals()), System.currentTimeMillis()) != null) {
            java.util.logging.Logger.getLogger(TorrentSlot.class.getName()).info(() -> phase.name()
                    + ": started by hand after reaching its seeding goal; seeding on without one");
            setPolicy(policy.withGoals(SeedGoals.UNLIMITED));
        }
        Future<Void> f = phase.resume(q.startsQueued(policy));
        q.soon();
        return f;
    }

    /** The current phase's resume data with the session's parts. */
    public Future<ResumeData> resumeData() {
        return phase.resumeData().map(r -> r.withSessionParts(policy, queueOrder, times()));
    }

    /** Asks the queue for a pass soon (after a pause, a new policy). */
    public void queueSoon() {
        rt.queue().soon();
    }

    private Notifier notifier() {
        return switch (phase) {
            case Torrent t -> t.notifier();
            case MetadataFetch f -> f.notifier;
        };
    }

    /** A slot for a magnet link: fetches the metadata once {@link #beginMagnet} is called. */
    public static TorrentSlot magnet(EngineRuntime rt, Magnet magnet, TorrentOptions options, TrackerClient trackers) {
        Swarm swarm = new Swarm(rt, magnet.infoHash(), options.maxKnownPeers(), rt.config().peerSources());
        TorrentSlot s = new TorrentSlot(magnet.infoHash(), rt, trackers, magnet, swarm);
        s.phase = new MetadataFetch(rt, magnet, options, trackers, s, swarm);
        return s;
    }

    public void beginMagnet(boolean paused, boolean queued) {
        rt.assertOnContext();
        if (phase instanceof MetadataFetch f) {
            f.begin(paused, queued);
        }
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** The torrent, or null while the metadata is being fetched. Any thread. */
    public Torrent torrent() {
        return phase instanceof Torrent t ? t : null;
    }

    /** Whether the metadata is here. Any thread. */
    public boolean hasMetadata() {
        return phase instanceof Torrent;
    }

    /** The magnet link the slot was added from, or null. */
    public Magnet magnet() {
        return magnet;
    }

    /** Completes with the torrent once it exists; fails if the slot is removed first. */
    public Future<Torrent> whenTorrent() {
        return ready.future();
    }

    /**
     * The fetch verified the info dictionary (or the user supplied it): the torrent is made with
     * the fetch's settings and takes over its swarm (the peers it knows and the bans), the listener
     * hears {@code metadataReceived} (before any state change of the torrent), and it starts with a
     * full check. The fetch has closed its connections by now (they were made without a piece count).
     */
    void metadataReady(Metainfo meta, MetadataFetch from) {
        Torrent t;
        try {
            t = new Torrent(rt, meta, from.options, trackers, null, swarm);
        } catch (StorageException | RuntimeException e) {
            swarm.use(from);
            from.fail("cannot set up the torrent's files: " + e.getMessage());
            return;
        }
        if (magnet.hasFileSelection()) {
            // BEP 53: so= selects files; the others are skipped (indexes past the file list are ignored).
            List<FilePriority> priorities = new ArrayList<>();
            for (int i = 0; i < meta.files().size(); i++) {
                priorities.add(magnet.isFileSelected(i) ? FilePriority.NORMAL : FilePriority.SKIP);
            }
            t.selection().restore(priorities);
        }
        t.limits().set(from.downloadLimit, from.uploadLimit);
        t.selection().setFirstLast(policy.firstLastPieces());
        phase = t;
        t.notifier().metadataReceived(meta);
        t.begin(null, from.state == dev.bitquark.engine.TorrentState.QUEUED);
        if (from.userPaused) {
            t.pause();
        }
        ready.tryComplete(t);
    }

    /** {@code Engine.add} with the metainfo of a magnet still fetching: the fetch ends with it. */
    public void supplyMetadata(Metainfo meta) {
        rt.assertOnContext();
        if (phase instanceof MetadataFetch f && !f.removed) {
            f.completed(meta);
        }
    }

    /** A socket for this info-hash (dialed, or accepted and matched by its handshake): the swarm admits it or not. */
    public void attach(NetSocket socket, InetSocketAddress address, boolean outgoing, HandshakeDecoder partial,
                       ByteBuffer rest) {
        rt.assertOnContext();
        swarm.attach(socket, address, outgoing, partial, rest);
    }

    public Future<Void> remove(boolean deleteFiles) {
        rt.assertOnContext();
        ready.tryFail(new EngineException(EngineException.Kind.REMOVED,
                "torrent " + infoHash + " was removed before its metadata arrived"));
        return phase.remove(deleteFiles);
    }

    /** The torrent, for what needs its metadata; {@link EngineException} NO_METADATA before it arrives. */
    public Torrent requireTorrent(String what) {
        return switch (phase) {
            case Torrent t -> t;
            case MetadataFetch f -> throw f.noMetadata(what);
        };
    }

    /** The current phase; everything both phases answer goes to it. */
    public TorrentPhase phase() {
        rt.assertOnContext();
        return phase;
    }

    public Future<Void> whenFinished() {
        return ready.future().compose(Torrent::whenFinished);
    }

    /** The open connections, in either phase (for the session-wide limit). */
    Collection<PeerConnection> connections() {
        return swarm.connections();
    }

    /**
     * While the metadata is fetched: the magnet link as it stands (its trackers in force, the peers worth dialing
     * as {@code x.pe}), for keeping it across a restart; null once the torrent has its metadata.
     */
    public Magnet currentLink() {
        return phase instanceof MetadataFetch f ? f.currentLink() : null;
    }
}
