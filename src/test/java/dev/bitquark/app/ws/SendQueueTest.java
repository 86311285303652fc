package dev.bitquark.app.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendQueueTest {
    /** A connection whose sends complete only when the test says so (or never). */
    static final class ManualSink implements SendQueue.Sink {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        boolean completeAtOnce;
        int closeCode;
        String closeReason;

        @Override
        public CompletionStage<Void> send(String frame) {
            sent.add(frame);
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (completeAtOnce) {
                f.complete(null);
            } else {
                pending.add(f);
            }
            return f;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
            closeReason = reason;
        }

        void completeOldest() {
            pending.removeFirst().complete(null);
        }
    }

    final AtomicLong clock = new AtomicLong(1_000_000);

    SendQueue queue(ManualSink sink, int frames, long chars, long pendingSeconds) {
        return new SendQueue(sink, frames, chars, TimeUnit.SECONDS.toNanos(pendingSeconds), clock::get);
    }

    @Test
    void sendsOneFrameAtATimeInOrder() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 8, 1000, 30);
        assertTrue(q.offer("a"));
        assertTrue(q.offer("b"));
        assertTrue(q.offer("c"));
        assertEquals(List.of("a"), sink.sent, "the next frame waits for the one in flight");
        assertEquals(2, q.waitingFrames());
        sink.completeOldest();
        assertEquals(List.of("a", "b"), sink.sent);
        sink.completeOldest();
        sink.completeOldest();
        assertEquals(List.of("a", "b", "c"), sink.sent);
        assertEquals(0, q.waitingFrames());
        assertFalse(q.isClosed());
    }

    @Test
    void closesAClientThatNeverCompletesOnceTheQueueIsFull() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 4, 1_000_000, 3600);
        assertTrue(q.offer("in flight"));
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer("waiting " + i), "within the bound: " + i);
        }
        assertFalse(q.offer("one too many"));
        assertTrue(q.isClosed());
        assertEquals(SendQueue.SLOW_CLIENT, sink.closeCode);
        assertEquals("too slow: 4 frames (36 chars) waiting", sink.closeReason);
        assertEquals(0, q.waitingFrames(), "the queued frames are dropped, not kept");
        assertFalse(q.offer("after close"), "a closed queue takes nothing more");
        assertEquals(1, sink.sent.size(), "nothing else was handed to the stalled connection");
    }

    @Test
    void closesAClientWhoseQueuedCharactersExceedTheBound() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 100, 10, 3600);
        q.offer("first");
        assertTrue(q.offer("123456"));
        assertFalse(q.offer("12345"), "6 + 5 characters exceed 10");
        assertEquals(SendQueue.SLOW_CLIENT, sink.closeCode);
    }

    @Test
    void closesAClientWhoseSendStaysPendingTooLong() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 64, 1_000_000, 30);
        q.offer("hello");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(29));
        assertFalse(q.checkStalled(), "29 s is within the limit");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertTrue(q.checkStalled());
        assertEquals(SendQueue.SLOW_CLIENT, sink.closeCode);
        assertEquals("too slow: a send pending for over 30 s", sink.closeReason);
    }

    @Test
    void aStalledSendIsAlsoNoticedWhenTheNextFrameIsOffered() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 64, 1_000_000, 30);
        q.offer("hello");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertFalse(q.offer("update"));
        assertTrue(q.isClosed());
    }

    @Test
    void aQuietClientIsNotTakenForAStalledOne() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 64, 1_000_000, 30);
        q.offer("hello");
        sink.completeOldest();
        clock.addAndGet(TimeUnit.HOURS.toNanos(1));
        assertFalse(q.checkStalled(), "nothing in flight: nothing can be stalled");
        assertTrue(q.offer("later"));
    }

    @Test
    void framesCompletingSynchronouslyDrainTheWholeQueueWithoutRecursion() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 100_000, Long.MAX_VALUE, 30);
        q.offer("first");
        for (int i = 0; i < 50_000; i++) {
            q.offer("f" + i);
        }
        sink.completeAtOnce = true;
        sink.completeOldest(); // each later send completes inside send(): a recursive pump would overflow the stack
        assertEquals(50_001, sink.sent.size());
        assertEquals(0, q.waitingFrames());
        assertFalse(q.isClosed());
    }

    @Test
    void aFailedSendClosesTheConnection() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 8, 1000, 30);
        q.offer("a");
        q.offer("b");
        sink.pending.removeFirst().completeExceptionally(new java.io.IOException("reset"));
        assertTrue(q.isClosed());
        assertEquals(SendQueue.SEND_FAILED, sink.closeCode);
        assertEquals(List.of("a"), sink.sent);
    }

    @Test
    void discardAfterTheConnectionClosedDropsFramesWithoutClosingAgain() {
        ManualSink sink = new ManualSink();
        SendQueue q = queue(sink, 8, 1000, 30);
        q.offer("a");
        q.offer("b");
        q.discard();
        assertTrue(q.isClosed());
        assertNull(sink.closeReason, "the connection is already gone; no close frame");
        assertEquals(0, q.waitingFrames());
    }

    @Test
    void completionsOnAnotherThreadLoseNoFrameAndKeepTheOrder() throws Exception {
        java.util.concurrent.ExecutorService loop = java.util.concurrent.Executors.newSingleThreadExecutor();
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        SendQueue.Sink async = new SendQueue.Sink() {
            @Override
            public CompletionStage<Void> send(String frame) {
                sent.add(frame);
                return CompletableFuture.runAsync(() -> { }, loop);
            }

            @Override
            public void close(int code, String reason) {
                throw new AssertionError("closed: " + reason);
            }
        };
        SendQueue q = new SendQueue(async, 1_000_000, Long.MAX_VALUE, TimeUnit.SECONDS.toNanos(30), System::nanoTime);
        List<String> offered = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            offered.add("f" + i);
            assertTrue(q.offer("f" + i));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.size() < offered.size() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        loop.shutdown();
        assertEquals(offered, sent);
    }
}
