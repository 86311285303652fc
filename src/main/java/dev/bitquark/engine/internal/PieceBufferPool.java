package dev.bitquark.engine.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers of one piece length that hold a piece's blocks between their arrival and the
 * hash-and-write on a disk worker. Bounded: {@link #tryAcquire()} returns null once
 * {@code maxBuffers} are out, which is the engine's back-pressure on the download path (no new
 * piece is started until a buffer comes back). Owned by the engine context; not thread-safe.
 */
public final class PieceBufferPool {
    private final int pieceLength;
    private final int maxBuffers;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int outstanding;

    public PieceBufferPool(int pieceLength, long maxBytes) {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive");
        }
        this.pieceLength = pieceLength;
        // At least two buffers so one piece can be written while the next fills.
        this.maxBuffers = (int) Math.max(2, Math.min(Integer.MAX_VALUE, maxBytes / pieceLength));
    }

    /** A cleared buffer of capacity {@code pieceLength}, or null if the pool is exhausted. */
    public ByteBuffer tryAcquire() {
        if (outstanding >= maxBuffers) {
            return null;
        }
        ByteBuffer b = free.pollFirst();
        if (b == null) {
            // Direct: outside the GC heap (no copying of live pieces by the collector, a small heap),
            // and written to files without the JDK's copy into a temporary direct buffer.
            b = ByteBuffer.allocateDirect(pieceLength);
        }
        b.clear();
        outstanding++;
        return b;
    }

    public void release(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        outstanding--;
        // Keep every buffer for reuse: direct memory is only returned when the GC runs a buffer's
        // cleaner, so dropped buffers would pile up far beyond the pool's bound first.
        free.addFirst(buffer);
    }

    /** Forgets the idle buffers (e.g. once a torrent is finished or paused) so their memory can go. */
    public void trim() {
        free.clear();
    }

    public boolean hasCapacity() {
        return outstanding < maxBuffers;
    }

    public int outstanding() {
        return outstanding;
    }

    public int maxBuffers() {
        return maxBuffers;
    }
}
