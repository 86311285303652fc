package dev.bitquark.app.ws;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One client's outgoing text frames, bounded: one frame is in flight at a time and the rest wait
 * here. A client that cannot keep up, because more than {@code maxFrames} frames (or
 * {@code maxChars} characters) are waiting or because one send has been pending longer than
 * {@code maxPendingNanos}, is closed with code {@value #SLOW_CLIENT} and a reason, and its frames
 * are dropped. Offering never blocks and never waits for the client, so whoever produces the
 * frames (the events sampler) is never slowed by a slow or stalled connection.
 *
 * <p>Thread-safe: frames are offered from the sampler thread while send completions arrive on the
 * connection's event loop; the state is guarded by this queue's lock, and the sink is called
 * without it. The sink must only start a send, not wait for it.
 */
public final class SendQueue {
    /** Close code for a client that falls behind: RFC 6455 1013 "try again later". */
    public static final int SLOW_CLIENT = 1013;
    /** Close code after a failed send: RFC 6455 1011 "unexpected condition". */
    public static final int SEND_FAILED = 1011;

    /** Where frames go: one WebSocket connection (or a test double). */
    public interface Sink {
        /** Starts sending one text frame; the stage completes when it was written (or failed). */
        CompletionStage<Void> send(String frame);

        /** Closes the connection with a status code and a reason (at most 123 UTF-8 bytes). */
        void close(int code, String reason);
    }

    private final Sink sink;
    private final int maxFrames;
    private final long maxChars;
    private final long maxPendingNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean inFlight;
    private long inFlightSince;
    private boolean draining;
    private String closedReason;

    /**
     * @param maxFrames frames allowed to wait (besides the one in flight)
     * @param maxChars characters allowed to wait, all frames together
     * @param maxPendingNanos longest time one send may stay incomplete
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime})
     */
    public SendQueue(Sink sink, int maxFrames, long maxChars, long maxPendingNanos, LongSupplier nanoClock) {
        if (maxFrames < 1 || maxChars < 1 || maxPendingNanos < 1) {
            throw new IllegalArgumentException("send queue bounds must be positive: " + maxFrames + " frames, "
                    + maxChars + " chars, " + maxPendingNanos + " ns");
        }
        this.sink = sink;
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
        this.maxPendingNanos = maxPendingNanos;
        this.nanoClock = nanoClock;
    }

    /**
     * Queues a frame and starts sending if nothing is in flight. Returns false, without queueing,
     * once the queue is closed; closes it (and returns false) when the client is too slow.
     */
    public boolean offer(String frame) {
        String dropReason;
        synchronized (this) {
            if (closedReason != null) {
                return false;
            }
            dropReason = stalledReason();
            if (dropReason == null && (queue.size() >= maxFrames || queuedChars + frame.length() > maxChars)) {
                dropReason = "too slow: " + queue.size() + " frames (" + queuedChars + " chars) waiting";
            }
            if (dropReason == null) {
                queue.addLast(frame);
                queuedChars += frame.length();
            } else {
                markClosed(dropReason);
            }
        }
        if (dropReason != null) {
            closeSink(SLOW_CLIENT, dropReason);
            return false;
        }
        pump();
        return !isClosed();
    }

    /**
     * Closes the queue (and the connection) if the send in flight has been pending too long; call
     * it periodically, since a stalled client may otherwise never be offered another frame.
     *
     * @return whether the queue is closed
     */
    public boolean checkStalled() {
        String reason;
        synchronized (this) {
            if (closedReason != null) {
                return true;
            }
            reason = stalledReason();
            if (reason == null) {
                return false;
            }
            markClosed(reason);
        }
        closeSink(SLOW_CLIENT, reason);
        return true;
    }

    /** Why the send in flight counts as stalled, or null. Holds the lock. */
    private String stalledReason() {
        if (inFlight && nanoClock.getAsLong() - inFlightSince > maxPendingNanos) {
            return "too slow: a send pending for over " + TimeUnit.NANOSECONDS.toSeconds(maxPendingNanos) + " s";
        }
        return null;
    }

    /** Drops the waiting frames without closing the connection (it closed already). Idempotent. */
    public synchronized void discard() {
        if (closedReason == null) {
            closedReason = "connection closed";
        }
        queue.clear();
        queuedChars = 0;
    }

    public synchronized boolean isClosed() {
        return closedReason != null;
    }

    /** Why the queue closed, or null while open. */
    public synchronized String closedReason() {
        return closedReason;
    }

    public synchronized int waitingFrames() {
        return queue.size();
    }

    /**
     * Sends waiting frames, one at a time. The sink is called without the lock held (a connection
     * may take its own locks, and may complete the send on another thread that needs ours). One
     * thread at a time drains; a send completing synchronously inside {@code sink.send} leaves the
     * next frame to the loop instead of recursing.
     */
    private void pump() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            String frame;
            synchronized (this) {
                if (inFlight || closedReason != null || queue.isEmpty()) {
                    draining = false;
                    return;
                }
                frame = queue.pollFirst();
                queuedChars -= frame.length();
                inFlight = true;
                inFlightSince = nanoClock.getAsLong();
            }
            CompletionStage<Void> sent;
            try {
                sent = sink.send(frame);
            } catch (RuntimeException e) {
                synchronized (this) {
                    draining = false;
                }
                fail(e);
                return;
            }
            sent.whenComplete((ok, err) -> {
                if (err != null) {
                    fail(err);
                    return;
                }
                synchronized (this) {
                    inFlight = false;
                }
                pump();
            });
        }
    }

    private void fail(Throwable err) {
        String reason = "send failed: " + err.getClass().getSimpleName();
        synchronized (this) {
            inFlight = false;
            if (closedReason != null) {
                return;
            }
            markClosed(reason);
        }
        closeSink(SEND_FAILED, reason);
    }

    /** Holds the lock. */
    private void markClosed(String reason) {
        closedReason = reason;
        queue.clear();
        queuedChars = 0;
    }

    private void closeSink(int code, String reason) {
        try {
            sink.close(code, reason);
        } catch (RuntimeException e) {
            // The connection is going away either way; nothing else to release here.
        }
    }
}
