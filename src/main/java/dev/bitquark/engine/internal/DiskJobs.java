package dev.bitquark.engine.internal;

import dev.bitquark.storage.StorageException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The disk jobs of one torrent in flight (piece writes, file completion, the finishing flush, storage jobs of a
 * file selection): counted, so that a pause, a move or a check waits until none runs ({@link #whenIdle}).
 * Engine context; not thread-safe.
 */
final class DiskJobs {
    /** A blocking storage call. */
    interface StorageJob {
        void run() throws StorageException;
    }

    private final EngineRuntime rt;
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();
    private int inFlight;

    DiskJobs(EngineRuntime rt) {
        this.rt = rt;
    }

    /** Jobs queued or running on the disk pool. */
    int inFlight() {
        return inFlight;
    }

    /** Completes once no job is in flight (before a check, a move or closing). */
    Future<Void> whenIdle() {
        if (inFlight == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        idleWaiters.add(p);
        return p.future();
    }

    /** Runs {@code job} on the disk pool, counted; {@code failed} hears the reason if it fails. */
    Future<Void> run(String what, StorageJob job, Consumer<String> failed) {
        started();
        return rt.<Void>onDisk(() -> {
            job.run();
            return null;
        }).onComplete(ar -> {
            done();
            if (ar.failed()) {
                Throwable e = ar.cause();
                failed.accept(what + " failed: " + (e instanceof StorageException se ? StorageErrors.describe(se)
                        : e.getMessage()));
            }
        });
    }

    /** A job of the caller's own starts (it calls {@link #done} when it ends, whatever the outcome). */
    void started() {
        inFlight++;
        rt.diskJobs(1);
    }

    void done() {
        rt.diskJobs(-1);
        if (--inFlight == 0 && !idleWaiters.isEmpty()) {
            List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
            idleWaiters.clear();
            waiters.forEach(Promise::tryComplete);
        }
    }
}
