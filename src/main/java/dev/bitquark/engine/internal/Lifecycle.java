package dev.bitquark.engine.internal;

import dev.bitquark.engine.PeerOrigin;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Bitfield;
import dev.bitquark.storage.CheckJob;
import dev.bitquark.storage.CheckProgress;
import dev.bitquark.storage.StorageChecker;
import dev.bitquark.storage.StorageException;
import dev.bitquark.tracker.Announcer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lifecycle of one torrent (the transitions in {@code STATE.md}): checking (a full check, or a
 * fast resume with a spot check), going live, pausing, failing, rechecking, moving its files,
 * removal and shutdown. Checks wait for an engine-wide slot ({@link CheckSlots}).
 *
 * <p>Every stop goes through {@link #halt}: connections close, partial pieces are dropped, the
 * announcer sends {@code stopped}, and {@link #quiesced} completes once the check, the writes in
 * flight and a flush are done; the next check or file move starts only after that. Every
 * asynchronous step remembers the epoch it started in and any transition bumps it, so a late
 * continuation of an abandoned step does nothing.
 *
 * <p>Owned by the engine context; not thread-safe.
 */
final class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());

    private final Torrent t;
    private final Random random = new Random();
    /** The torrent's state, and the reason of an ERROR: changed here only (see engine/STATE.md). */
    private TorrentState state = TorrentState.PAUSED;
    private String error;
    private int epoch;
    private CheckJob check;
    private CheckSlots.Ticket slot;
    private Future<Void> quiesced = Future.succeededFuture();
    private long tickTimer = -1;
    private TorrentState afterCheck = TorrentState.LIVE;
    /** Resume data not used yet: the next check starts from it. */
    private ResumeData pendingResume;
    /** The have set reflects the disk: a check or a fast resume completed. */
    boolean checked;
    /** Paused by the user; kept in resume data. A shutdown does not set it. */
    boolean userPaused;
    boolean fastResumed;
    /** After a fast resume: the pieces trusted as already durable (the rest of its verdict is unsynced). */
    private Bitfield trustedDurable;
    /** Pieces the running check has examined, or the last check examined once it is done. */
    long checkedPieces;
    /** Progress of the running check, 0..1; 1 when none runs. Moves in step with {@link #checkedPieces}. */
    double checkedFraction = 1.0;

    Lifecycle(Torrent t) {
        this.t = t;
    }

    /**
     * Right after the torrent was added: restore a paused or failed torrent as such, keep one added
     * paused ({@code TorrentOptions.startPaused}) paused, put one in the queue if {@code queued} (it is checked
     * once the queue starts it), else check.
     */
    void begin(ResumeData resume, boolean queued) {
        pendingResume = resume;
        if (resume != null ? resume.paused() : t.options().startPaused()) {
            userPaused = true;
            t.notifier().stateChanged(TorrentState.PAUSED, null);
        } else if (resume != null && resume.error() != null) {
            enter(TorrentState.ERROR, resume.error());
        } else if (queued) {
            enter(TorrentState.QUEUED, null);
        } else {
            startCheck(TorrentState.LIVE, null);
        }
    }

    /**
     * From PAUSED or ERROR: into the queue if {@code toQueue}, else live again at once if the have set is known,
     * otherwise after a check.
     */
    Future<Void> resume(boolean toQueue) {
        boolean changed = userPaused;
        userPaused = false;
        if (state == TorrentState.PAUSED || state == TorrentState.ERROR) {
            changed = true;
            if (toQueue) {
                enter(TorrentState.QUEUED, null);
            } else {
                start();
            }
        }
        if (changed) {
            t.notifier().resumeDataChanged();
        }
        return Future.succeededFuture();
    }

    /** The queue stops a running torrent (LIVE only: a check finishes first); it is not paused by the user. */
    Future<Void> queue() {
        if (state != TorrentState.LIVE) {
            return quiesced;
        }
        enter(TorrentState.QUEUED, null);
        return halt("queued");
    }

    /** The queue starts a waiting torrent: live at once if the have set is known, otherwise after a check. */
    void dequeue() {
        if (state == TorrentState.QUEUED && !moving) {
            start();
        }
    }

    private void start() {
        if (checked) {
            goLive();
        } else {
            startCheck(TorrentState.LIVE, null);
        }
    }

    /** Stops everything; completes once connections, announces, writes and the flush are done. */
    Future<Void> pause() {
        userPaused = true;
        if (state == TorrentState.PAUSED) {
            return quiesced;
        }
        enter(TorrentState.PAUSED, null);
        Future<Void> stopped = halt("torrent paused");
        return stopped.onComplete(ar -> t.notifier().resumeDataChanged());
    }

    /** Moves to ERROR with a reason (e.g. the disk is full); completed pieces are kept. */
    /**
     * The number of the current run: every transition (pause, error, recheck, resume) makes a new one.
     * An asynchronous job started in an earlier run must not act on this one (a write that failed
     * before an error was resumed must not fail the resumed torrent again).
     */
    int epoch() {
        return epoch;
    }

    void fail(String reason) {
        if (state == TorrentState.ERROR || t.isRemoved()) {
            return;
        }
        LOG.log(Level.WARNING, "{0}: {1}", new Object[] {t.metainfo().name(), reason});
        enter(TorrentState.ERROR, reason);
        halt("torrent error");
        t.notifier().resumeDataChanged();
    }

    /**
     * Checks every piece again, also while live (connections close meanwhile); the result replaces
     * the have set. Afterwards the torrent is LIVE if it was live or checking, QUEUED if it was queued, PAUSED otherwise.
     * Completes when the check is done; fails if something else (pause, removal) interrupts it.
     */
    Future<Void> recheck() {
        TorrentState after = state == TorrentState.LIVE
                || (state == TorrentState.CHECKING && afterCheck == TorrentState.LIVE)
                ? TorrentState.LIVE : state == TorrentState.QUEUED ? TorrentState.QUEUED : TorrentState.PAUSED;
        Promise<Void> done = Promise.promise();
        enter(TorrentState.CHECKING, null);
        halt("rechecking");
        pendingResume = null;
        startCheck(after, done);
        return done.future();
    }

    void reannounce() {
        if (state == TorrentState.LIVE) {
            if (t.announcer() != null) {
                t.announcer().reannounce();
            }
            t.swarm().book().retryNow();
            t.swarm().connectMore();
        }
    }

    /** Files are being moved: nothing may start (the queue waits) until the move is done. */
    private boolean moving;

    /** Stops I/O, moves the files on a disk worker, then returns to the state it was in. */
    Future<Void> moveStorage(Path dir) {
        moving = true;
        TorrentState before = state;
        boolean wasChecking = before == TorrentState.CHECKING;
        TorrentState back = wasChecking ? afterCheck : before;
        if (before == TorrentState.LIVE || wasChecking) {
            enter(TorrentState.PAUSED, null);
        }
        halt("moving files");
        int e = epoch;
        return quiesced.compose(v -> t.rt().<Void>onDisk(() -> {
            t.storage().moveTo(dir);
            return null;
        })).onSuccess(v -> {
            t.storageMoved();
            t.notifier().resumeDataChanged();
        }).eventually(() -> {
            moving = false;
            if (e == epoch && back == TorrentState.LIVE) {
                if (checked && !wasChecking) {
                    goLive();
                } else {
                    startCheck(TorrentState.LIVE, null);
                }
            }
            return Future.succeededFuture();
        });
    }

    /** Removal: stops everything (no state event); completes once nothing touches the storage. */
    Future<Void> remove() {
        state = TorrentState.PAUSED;
        return halt("torrent removed");
    }

    /** Shutdown: stops like a pause, but the user's paused flag is left as it was. */
    Future<Void> close() {
        if (state == TorrentState.LIVE || state == TorrentState.CHECKING) {
            enter(TorrentState.PAUSED, null);
        }
        return halt("engine shutting down");
    }

    /** Resume data given at add time and not used yet (no check has run since), or null. */
    ResumeData pendingResume() {
        return pendingResume;
    }

    /**
     * The pieces the resume data claims, while they are not checked yet (a torrent restored paused or failed is
     * not checked until it is resumed), else null. Only shown (progress, finished): nothing reads or serves them
     * before a check confirms them.
     */
    Bitfield claimedUnchecked() {
        if (checked || pendingResume == null || FastResume.unusable(pendingResume, t.metainfo()) != null) {
            return null;
        }
        return FastResume.claimed(pendingResume);
    }

    // ---- internals -------------------------------------------------------------------------------

    TorrentState state() {
        return state;
    }

    /** The reason of an ERROR state, or null. */
    String error() {
        return error;
    }

    private void enter(TorrentState next, String reason) {
        TorrentState old = state;
        String oldError = error;
        state = next;
        error = reason;
        if (old != next || !Objects.equals(oldError, reason)) {
            t.notifier().stateChanged(next, reason);
            t.streams().stateChanged(next);
        }
    }

    /**
     * Stops all activity; the caller has already moved the state away from LIVE, so closing
     * connections dials no new ones.
     */
    private Future<Void> halt(String reason) {
        epoch++;
        Future<Void> checkEnded = Future.succeededFuture();
        if (check != null) {
            CheckJob job = check;
            check = null;
            job.cancel();
            // The job's result completes once its pieces in flight are read: only then is the storage free.
            checkEnded = Future.fromCompletionStage(job.result(), t.rt().context()).<Void>mapEmpty().otherwiseEmpty();
        }
        if (slot != null) {
            CheckSlots.Ticket s = slot;
            slot = null;
            checkEnded.onComplete(ar -> s.release());
        }
        checkedFraction = 1.0;
        if (tickTimer >= 0) {
            t.rt().ticker().remove(tickTimer);
            tickTimer = -1;
        }
        t.swarm().stopSources();
        t.swarm().closeAll(reason);
        t.downloads().releaseAll();
        Future<Void> announced = t.trackerList().stop();
        quiesced = Future.join(checkEnded, t.downloads().whenDiskIdle())
                .transform(ar -> t.durable().flush())
                .mapEmpty();
        return Future.join(announced, quiesced).mapEmpty();
    }

    private void startCheck(TorrentState after, Promise<Void> done) {
        afterCheck = after;
        enter(TorrentState.CHECKING, null);
        checkedFraction = 0;
        checkedPieces = 0; // counts this check's pieces from now on, in step with checkedFraction
        int e = epoch;
        ResumeData resume = pendingResume;
        quiesced.onComplete(q -> {
            if (e != epoch) {
                interrupted(done);
                return;
            }
            // Resume data that may do: a fast resume slot (many run at once); else a full check's (see EngineRuntime).
            boolean quick = resume != null && FastResume.unusable(resume, t.metainfo()) == null;
            takeSlot(quick ? t.rt().quickChecks() : t.rt().checks(), ticket -> runCheck(e, ticket, resume, after, done));
        });
    }

    /**
     * Queues for a slot of {@code slots}, kept in {@link #slot} from the grant on. The grant may come inside
     * acquire, and what {@code onGranted} starts may run on at once too (a Vert.x future completed before its
     * listener is added calls it at once: a file's stamp read quickly), so the slot is recorded in the grant,
     * never after acquire returns, when the check may already have moved on to another slot.
     */
    private void takeSlot(CheckSlots slots, Consumer<CheckSlots.Ticket> onGranted) {
        CheckSlots.Ticket asked = slots.acquire(ticket -> {
            slot = ticket;
            onGranted.accept(ticket);
        });
        if (asked.isWaiting()) {
            slot = asked;
        }
    }

    private void runCheck(int e, CheckSlots.Ticket ticket, ResumeData resume, TorrentState after,
                          Promise<Void> done) {
        if (e != epoch) {
            ticket.release();
            interrupted(done);
            return;
        }
        Future<Bitfield> fast = t.selection().syncStorage()
                .compose(v -> resume == null ? Future.<Bitfield>succeededFuture() : spotCheck(e, resume));
        fast.compose(trusted -> trusted != null ? Future.succeededFuture(trusted) : fullCheckInSlot(e, ticket)).onComplete(ar -> {
            ticket.release();
            if (slot != null && slot != ticket) {
                slot.release(); // the full check's slot, taken after the fast resume failed
            }
            if (e != epoch) {
                interrupted(done);
                return;
            }
            check = null;
            slot = null;
            if (ar.failed()) {
                fail("checking the files failed: " + message(ar.cause()));
                if (done != null) {
                    done.tryFail(ar.cause());
                }
                return;
            }
            pendingResume = null;
            checked = true;
            checkedFraction = 1.0;
            applyCheck(ar.result(), fastResumed ? trustedDurable : null);
            trustedDurable = null;
            if (after == TorrentState.LIVE) {
                goLive();
            } else {
                enter(after == TorrentState.QUEUED ? TorrentState.QUEUED : TorrentState.PAUSED, null);
            }
            t.notifier().resumeDataChanged();
            if (done != null) {
                done.tryComplete();
            }
        });
    }

    /**
     * Fast resume: if the files are unchanged and the spot check passes, the claimed pieces plus those
     * of the unsynced pieces (written but not flushed when the resume data was taken) that hash
     * correctly now; null (run the full check) otherwise. The unsynced pieces are all read: after a
     * killed process the operating system usually still has them, after a power cut maybe not.
     */
    private Future<Bitfield> spotCheck(int e, ResumeData r) {
        String unusable = FastResume.unusable(r, t.metainfo());
        if (unusable != null) {
            LOG.info(() -> t.metainfo().name() + ": " + unusable + "; checking every piece");
            return Future.succeededFuture();
        }
        Bitfield claimed = FastResume.claimed(r);
        Bitfield unsynced = FastResume.unsynced(r);
        return t.rt().onDisk(() -> FastResume.stamp(t.storage())).compose(stamps -> {
            if (e != epoch) {
                return Future.failedFuture(new CancellationException("check cancelled"));
            }
            String changed = FastResume.changedFile(r, stamps, t.metainfo());
            if (changed != null) {
                LOG.info(() -> t.metainfo().name() + ": " + changed + "; checking every piece");
                return Future.succeededFuture();
            }
            Bitfield spot = FastResume.spotCheckPieces(claimed, t.metainfo(), random);
            Bitfield toRead = spot.copy();
            for (int p = unsynced.nextSet(0); p >= 0; p = unsynced.nextSet(p + 1)) {
                if (!claimed.get(p)) {
                    toRead.set(p);
                }
            }
            CheckJob job = StorageChecker.check(t.storage(), t.metainfo().pieceHashes(), toRead, t.rt().hashExecutor(),
                    2 * t.rt().hashThreads(), null);
            check = job;
            return Future.fromCompletionStage(job.result(), t.rt().context()).map(valid -> {
                checkedPieces = toRead.cardinality();
                int spotFailed = 0;
                for (int p = spot.nextSet(0); p >= 0; p = spot.nextSet(p + 1)) {
                    if (!valid.get(p)) {
                        spotFailed++;
                    }
                }
                if (spotFailed > 0) {
                    int failed = spotFailed;
                    LOG.info(() -> t.metainfo().name() + ": " + failed + " of " + spot.cardinality()
                            + " spot-checked pieces are damaged; checking every piece");
                    return null;
                }
                Bitfield have = claimed.copy();
                int recovered = 0;
                for (int p = valid.nextSet(0); p >= 0; p = valid.nextSet(p + 1)) {
                    if (!claimed.get(p) && have.set(p)) {
                        recovered++;
                    }
                }
                int kept = recovered;
                int lost = toRead.cardinality() - spot.cardinality() - recovered;
                LOG.fine(() -> t.metainfo().name() + ": fast resume; " + kept + " unsynced pieces verified, " + lost
                        + " to download again");
                fastResumed = true;
                trustedDurable = claimed;
                return have;
            });
        });
    }

    /** The full check, in a full check's slot: the fast resume slot {@code held} is given back while it waits. */
    private Future<Bitfield> fullCheckInSlot(int e, CheckSlots.Ticket held) {
        if (held != slot || !t.rt().quickChecks().holds(held)) {
            return fullCheck(e);
        }
        held.release();
        Promise<Bitfield> p = Promise.promise();
        takeSlot(t.rt().checks(), ticket -> fullCheck(e).onComplete(p));
        return p.future();
    }

    private Future<Bitfield> fullCheck(int e) {
        if (e != epoch) {
            return Future.failedFuture(new CancellationException("check cancelled"));
        }
        fastResumed = false;
        // The newest progress, posted to the engine context only when no post is pending: one per piece would
        // wake the event loop a thousand times a second and take CPU from the hashing on a small machine.
        AtomicReference<CheckProgress> latest = new AtomicReference<>();
        // A post still on its way when the check ends must not take the fraction back from 1 (the torrent is
        // then still CHECKING until it goes live, and would show an old fraction).
        boolean[] ended = {false};
        CheckJob job = StorageChecker.checkAll(t.storage(), t.metainfo().pieceHashes(), t.rt().hashExecutor(),
                2 * t.rt().hashThreads(), p -> {
                    if (latest.getAndSet(p) == null) {
                        t.rt().context().runOnContext(v -> {
                            CheckProgress now = latest.getAndSet(null);
                            if (e == epoch && !ended[0]) {
                                checkedFraction = now.piecesTotal() == 0 ? 1.0
                                        : (double) now.piecesDone() / now.piecesTotal();
                                checkedPieces = now.piecesDone();
                            }
                        });
                    }
                });
        check = job;
        return Future.fromCompletionStage(job.result(), t.rt().context()).map(valid -> {
            ended[0] = true;
            checkedPieces = job.progress().piecesDone();
            return valid;
        });
    }

    /**
     * The check's verdict replaces the have set; {@code durableNow} (a subset of {@code valid}, or null):
     * pieces trusted from resume data as already flushed to disk.
     */
    private void applyCheck(Bitfield valid, Bitfield durableNow) {
        for (int p = 0; p < t.geometry().pieceCount(); p++) {
            boolean had = t.picker().hasPiece(p);
            if (had && !valid.get(p)) {
                t.picker().clearHave(p);
                t.durable().pieceLost(p);
                t.downloads().pieceLost(p);
            } else if (!had && valid.get(p)) {
                t.picker().markHave(p);
                t.downloads().pieceHad(p, false);
            }
        }
        if (durableNow != null) {
            t.durable().trust(durableNow);
        }
        if (t.downloads().isFinished() && !t.picker().isComplete()) {
            t.downloads().unfinish();
        }
    }

    private void goLive() {
        enter(TorrentState.LIVE, null);
        tickTimer = t.rt().ticker().add(t::tick);
        t.trackerList().start();
        t.swarm().startSources(t.metainfo().isPrivate(), t.announcePort());
        t.swarm().book().retryNow();
        t.swarm().addPeers(t.options().initialPeers(), PeerOrigin.USER);
        t.swarm().connectMore();
        t.streams().wentLive();
        if (t.picker().isComplete()) {
            t.downloads().onFinished();
        }
        LOG.fine(() -> t.metainfo().name() + ": live, " + t.picker().haveBitfield().cardinality() + "/"
                + t.geometry().pieceCount() + " pieces");
    }

    private static void interrupted(Promise<Void> done) {
        if (done != null) {
            done.tryFail(new CancellationException("the check was interrupted"));
        }
    }

    private static String message(Throwable e) {
        return e instanceof StorageException se ? StorageErrors.describe(se) : String.valueOf(e.getMessage());
    }
}
