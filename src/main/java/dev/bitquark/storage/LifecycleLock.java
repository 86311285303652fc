package dev.bitquark.storage;

import dev.bitquark.storage.StorageException.Kind;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A storage's lifecycle lock: block operations hold the read side, lifecycle changes (move, rename, delete,
 * skip, close) the write side, and nothing runs once the storage is closed.
 */
final class LifecycleLock {
    interface Body<T> {
        T run() throws StorageException;
    }

    interface VoidBody {
        void run() throws StorageException;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** Runs {@code body} with no block operation in flight (the write side), if open. */
    <T> T exclusive(Body<T> body) throws StorageException {
        Lock l = lock.writeLock();
        l.lock();
        try {
            checkOpen();
            return body.run();
        } finally {
            l.unlock();
        }
    }

    void exclusive(VoidBody body) throws StorageException {
        exclusive(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} beside the block operations (the read side), if open. */
    void shared(VoidBody body) throws StorageException {
        Lock l = lock.readLock();
        l.lock();
        try {
            checkOpen();
            body.run();
        } finally {
            l.unlock();
        }
    }

    /**
     * Closes once, on the write side: {@code last} runs while the storage is still open, then {@code release}
     * runs with it closed, whether {@code last} failed or not. Closing again does nothing: false.
     */
    boolean close(VoidBody last, VoidBody release) throws StorageException {
        Lock l = lock.writeLock();
        l.lock();
        try {
            if (closed) {
                return false;
            }
            try {
                last.run();
            } finally {
                closed = true;
                release.run();
            }
            return true;
        } finally {
            l.unlock();
        }
    }

    void checkOpen() throws StorageException {
        if (closed) {
            throw new StorageException(Kind.CLOSED, -1, null, "storage is closed");
        }
    }

    Lock readLock() {
        return lock.readLock();
    }
}
