package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Throttles on a real Vert.x context (their timers are Vert.x timers) with a manual nanosecond clock. */
class ThrottleTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code body} on a Vert.x context and waits for it. */
    private void onContext(Runnable body) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void unlimitedGrantsEverythingAtOnce() throws Exception {
        onContext(() -> {
            Throttle t = new Throttle(vertx, nanos::get, 0);
            for (int i = 0; i < 100; i++) {
                assertTrue(t.acquire(i % 3, 1 << 20, () -> { }));
            }
        });
    }

    @Test
    void overTheBurstAConnectionWaitsAndIsGrantedOnceTheBucketRefills() throws Exception {
        List<String> granted = new CopyOnWriteArrayList<>();
        Throttle[] t = new Throttle[1];
        onContext(() -> {
            t[0] = new Throttle(vertx, nanos::get, 32 * 1024); // burst: one second, 32 KiB
            assertTrue(t[0].acquire(1, 32 * 1024, () -> granted.add("unexpected")));
            assertFalse(t[0].acquire(1, 16 * 1024, () -> granted.add("1")));
            assertFalse(t[0].acquire(2, 16 * 1024, () -> granted.add("2")));
            assertEquals(2, t[0].waitingCount());
        });
        nanos.addAndGet(500_000_000L); // half a second: 16 KiB, enough for the first in line only
        Thread.sleep(1100); // the throttle's timer fires within its computed delay (at most one second)
        assertEquals(List.of("1"), granted);
        nanos.addAndGet(500_000_000L);
        Thread.sleep(1100);
        assertEquals(List.of("1", "2"), granted);
    }

    @Test
    void liftingTheLimitReleasesEveryoneWaiting() throws Exception {
        List<Integer> granted = new CopyOnWriteArrayList<>();
        onContext(() -> {
            Throttle t = new Throttle(vertx, nanos::get, 16 * 1024);
            assertTrue(t.acquire(1, 16 * 1024, () -> { }));
            for (int k = 2; k < 6; k++) {
                int key = k;
                assertFalse(t.acquire(key, 16 * 1024, () -> granted.add(key)));
            }
            t.setRate(0);
            assertEquals(List.of(2, 3, 4, 5), granted, "in arrival order, at once");
            assertEquals(0, t.waitingCount());
        });
    }

    @Test
    void bothLimitsMustAllowATransfer() throws Exception {
        List<String> granted = new CopyOnWriteArrayList<>();
        onContext(() -> {
            Throttle torrent = new Throttle(vertx, nanos::get, 0);
            Throttle session = new Throttle(vertx, nanos::get, 16 * 1024);
            assertTrue(Throttle.acquireBoth(torrent, session, 1, 16 * 1024, () -> { }));
            assertFalse(Throttle.acquireBoth(torrent, session, 1, 16 * 1024, () -> granted.add("later")),
                    "the session's bucket is empty even though the torrent has no limit");
            session.setRate(0);
            assertEquals(List.of("later"), granted);
        });
    }

    @Test
    void aClosedConnectionLeavesTheLine() throws Exception {
        List<Integer> granted = new CopyOnWriteArrayList<>();
        onContext(() -> {
            Throttle t = new Throttle(vertx, nanos::get, 16 * 1024);
            assertTrue(t.acquire(1, 16 * 1024, () -> { }));
            assertFalse(t.acquire(2, 16 * 1024, () -> granted.add(2)));
            assertFalse(t.acquire(3, 16 * 1024, () -> granted.add(3)));
            t.cancel(2);
            t.setRate(0);
            assertEquals(List.of(3), granted);
        });
    }
}
