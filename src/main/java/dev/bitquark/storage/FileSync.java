package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * What a {@link FileStorage} has written but not yet forced to disk, and forcing it: the open handles marked dirty,
 * files whose written handle was closed (evicted) before a force, and files whose handle failed to close after
 * writes (data may be lost: the next sync that names them reports it). Thread-safe (disk workers sync while others
 * write; the handle cache reports closes from any of them).
 */
final class FileSync implements HandleCache.CloseSink {
    private final Set<Integer> unsyncedClosed = ConcurrentHashMap.newKeySet();
    private final Set<Integer> closeFailures = ConcurrentHashMap.newKeySet();
    private final IntFunction<Path> paths;
    private HandleCache handles;

    FileSync(IntFunction<Path> paths) {
        this.paths = paths;
    }

    void use(HandleCache cache) {
        this.handles = cache;
    }

    @Override
    public void closedUnsynced(int file) {
        unsyncedClosed.add(file);
    }

    @Override
    public void closeFailed(int file, IOException e) {
        closeFailures.add(file);
    }

    /** Forces file {@code f} if it was written since its last force, also through a closed handle. */
    void sync(int f) throws StorageException {
        Path path = paths.apply(f);
        if (closeFailures.remove(f)) {
            throw new StorageException(Kind.IO, f, path, "closing the file after writing failed; data may be lost");
        }
        // The open handle first: one evicted before we look has already put the file in unsyncedClosed.
        HandleCache.Handle h = handles.acquireIfOpen(f);
        if (h != null) {
            try {
                if (h.dirty) {
                    h.dirty = false; // before force: a write finishing during the force marks it again
                    h.channel.force(false);
                }
            } catch (IOException e) {
                h.dirty = true;
                throw StorageException.classify(e, f, path, "force to disk");
            } finally {
                handles.release(h);
            }
        }
        if (unsyncedClosed.remove(f)) {
            // WRITE because some systems refuse to flush through a read-only handle; never CREATE: the file must
            // be the one we wrote, and NOFOLLOW_LINKS refuses a link planted since.
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ch.force(false);
            } catch (IOException e) {
                unsyncedClosed.add(f);
                throw StorageException.classify(e, f, path, "force to disk");
            }
        }
    }

    /** Files with written data not yet forced, or with a failure not yet reported. */
    Set<Integer> pending() {
        Set<Integer> files = new TreeSet<>(handles.dirtyFiles());
        files.addAll(unsyncedClosed);
        files.addAll(closeFailures);
        return files;
    }

    /** The file's data no longer matters (deleted, or moved away from its cache entry). */
    void forget(int f) {
        unsyncedClosed.remove(f);
    }

    /** Every file's data is being deleted: pending forces and failures no longer matter. */
    void forgetAll() {
        unsyncedClosed.clear();
        closeFailures.clear();
    }

    /** A close failure nobody synced since (reported when the storage closes), or null. */
    StorageException closeFailure() {
        if (closeFailures.isEmpty()) {
            return null;
        }
        int f = closeFailures.iterator().next();
        return new StorageException(Kind.IO, f, paths.apply(f), "closing the file after writing failed; data may be lost");
    }
}
