package dev.bitquark.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded least-recently-used set of open {@link FileChannel}s, one per file, so a torrent with
 * ten thousand files never holds ten thousand descriptors. A handle is read-only until a write
 * needs it; then it is replaced by a read-write one.
 *
 * <p>Thread-safe. Handles are reference counted: one evicted while a disk worker still uses it is
 * closed by the last {@link #release}. Opening and closing (which may force data to disk) happen
 * outside the lock. The map never holds more than {@code capacity} handles; evicted handles still
 * in use may briefly add to the count of open descriptors. Closing never forces data to disk; see
 * {@link CloseSink}.
 */
final class HandleCache {
    /** Opens the channel of a file; called without the lock held. */
    interface Opener {
        FileChannel open(int file, boolean write) throws StorageException;
    }

    /** Told what a closed handle leaves to do: written data not yet forced to disk, or a failed close. */
    interface CloseSink {
        /** The handle was written since its last force; a later sync of the file must force it. */
        void closedUnsynced(int file);

        /** Closing failed; the data written through the handle may be lost. */
        void closeFailed(int file, IOException e);
    }

    static final class Handle {
        final int file;
        final FileChannel channel;
        final boolean writable;
        /** Written since its last force; set after each completed write, cleared before each force. */
        volatile boolean dirty;
        private int users; // guarded by the cache
        private boolean retired; // guarded by the cache

        Handle(int file, FileChannel channel, boolean writable) {
            this.file = file;
            this.channel = channel;
            this.writable = writable;
        }
    }

    private final int capacity;
    private final CloseSink sink;
    private final LinkedHashMap<Integer, Handle> handles = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicInteger openCount = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private boolean closed;

    HandleCache(int capacity, CloseSink sink) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the open file cap must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.sink = sink;
    }

    /** Returns a handle of {@code file}, writable if {@code write}; pair every call with {@link #release}. */
    Handle acquire(int file, boolean write, Opener opener) throws StorageException {
        synchronized (this) {
            checkOpen();
            Handle h = handles.get(file);
            if (h != null && (h.writable || !write)) {
                h.users++;
                return h;
            }
        }
        FileChannel channel = opener.open(file, write);
        openCount.incrementAndGet();
        opened.incrementAndGet();
        Handle mine = new Handle(file, channel, write);
        List<Handle> toClose = new ArrayList<>(2);
        Handle result = null;
        synchronized (this) {
            if (closed) {
                toClose.add(mine);
            } else {
                Handle h = handles.get(file);
                if (h != null && (h.writable || !write)) { // another worker opened it meanwhile
                    h.users++;
                    result = h;
                    toClose.add(mine);
                } else {
                    if (h != null) {
                        handles.remove(file);
                        retire(h, toClose); // read-only handle replaced by a writable one
                    }
                    mine.users = 1;
                    handles.put(file, mine);
                    result = mine;
                    evictOverflow(toClose);
                }
            }
        }
        closeAll(toClose);
        if (result == null) {
            throw closedException();
        }
        return result;
    }

    /** The handle of {@code file} if one is open, acquired; else null. */
    synchronized Handle acquireIfOpen(int file) throws StorageException {
        checkOpen();
        Handle h = handles.get(file);
        if (h != null) {
            h.users++;
        }
        return h;
    }

    void release(Handle h) {
        boolean close;
        synchronized (this) {
            h.users--;
            close = h.retired && h.users == 0;
        }
        if (close) {
            closeHandle(h);
        }
    }

    /** Closes the writable handle of {@code file}, if any, so the next access opens it read-only. */
    void retireWritable(int file) {
        List<Handle> toClose = new ArrayList<>(1);
        synchronized (this) {
            Handle h = handles.get(file);
            if (h != null && h.writable) {
                handles.remove(file);
                retire(h, toClose);
            }
        }
        closeAll(toClose);
    }

    /** Closes the handle of {@code file}, if any (its file is about to be deleted or moved). */
    void close(int file) {
        List<Handle> toClose = new ArrayList<>(1);
        synchronized (this) {
            Handle h = handles.remove(file);
            if (h != null) {
                retire(h, toClose);
            }
        }
        closeAll(toClose);
    }

    /** Files whose open handle was written since its last force. */
    synchronized List<Integer> dirtyFiles() {
        List<Integer> out = new ArrayList<>();
        for (Handle h : handles.values()) {
            if (h.dirty) {
                out.add(h.file);
            }
        }
        return out;
    }

    /** Closes every handle not in use (and the rest when released); {@code shutdown} refuses new ones. */
    void closeAll(boolean shutdown) {
        List<Handle> toClose = new ArrayList<>();
        synchronized (this) {
            closed |= shutdown;
            for (Handle h : handles.values()) {
                retire(h, toClose);
            }
            handles.clear();
        }
        closeAll(toClose);
    }

    /** Channels open right now, including evicted ones still in use. */
    int openCount() {
        return openCount.get();
    }

    synchronized int openWritableCount() {
        int n = 0;
        for (Handle h : handles.values()) {
            n += h.writable ? 1 : 0;
        }
        return n;
    }

    /** Channels opened since creation. */
    long openedTotal() {
        return opened.get();
    }

    private void evictOverflow(List<Handle> toClose) {
        Iterator<Handle> it = handles.values().iterator();
        while (handles.size() > capacity && it.hasNext()) {
            Handle eldest = it.next();
            it.remove();
            retire(eldest, toClose);
        }
    }

    /**
     * Takes a handle out of use (the caller removed it from the map). Unforced writes are handed to
     * the sink here, under the lock, so a sync that no longer finds the handle finds the file there.
     */
    private void retire(Handle h, List<Handle> toClose) {
        h.retired = true;
        if (h.dirty) {
            h.dirty = false;
            sink.closedUnsynced(h.file);
        }
        if (h.users == 0) {
            toClose.add(h);
        }
    }

    private void closeAll(List<Handle> toClose) {
        for (Handle h : toClose) {
            closeHandle(h);
        }
    }

    /**
     * Closes without forcing: an evicted handle is usually evicted long before its pieces complete,
     * and forcing every file on eviction would cost one disk flush per file of a many-file torrent.
     * The sink records the file so that the sync which needs the data durable forces it then.
     */
    private void closeHandle(Handle h) {
        if (h.dirty) { // written after it was retired
            sink.closedUnsynced(h.file);
        }
        try {
            h.channel.close();
        } catch (IOException e) {
            sink.closeFailed(h.file, e);
        } finally {
            openCount.decrementAndGet();
        }
    }

    private void checkOpen() throws StorageException {
        if (closed) {
            throw closedException();
        }
    }

    private static StorageException closedException() {
        return new StorageException(StorageException.Kind.CLOSED, -1, null, "storage is closed");
    }
}
