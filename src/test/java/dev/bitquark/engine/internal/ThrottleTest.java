package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.testkit.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Throttles on virtual time ({@link ManualScheduler}): their timers fire when the test moves the clock,
 * so nothing here waits for real time.
 */
class ThrottleTest {
    private final ManualScheduler clock = new ManualScheduler();

    /** Runs {@code body}: throttles need no event loop of their own, only the scheduler. */
    private void onContext(Runnable body) {
        body.run();
    }

    @Test
    void unlimitedGrantsEverythingAtOnce() throws Exception {
        onContext(() -> {
            Throttle t = new Throttle(clock, 0);
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
            t[0] = new Throttle(clock, 32 * 1024); // burst: one second, 32 KiB
            assertTrue(t[0].acquire(1, 32 * 1024, () -> granted.add("unexpected")));
            assertFalse(t[0].acquire(1, 16 * 1024, () -> granted.add("1")));
            assertFalse(t[0].acquire(2, 16 * 1024, () -> granted.add("2")));
            assertEquals(2, t[0].waitingCount());
        });
        clock.advance(Duration.ofMillis(499));
        assertEquals(List.of(), granted, "not before the bucket holds 16 KiB again");
        clock.advance(Duration.ofMillis(1)); // half a second: 16 KiB, enough for the first in line only
        assertEquals(List.of("1"), granted);
        clock.advance(Duration.ofMillis(500));
        assertEquals(List.of("1", "2"), granted);
        assertEquals(0, clock.pending(), "no timer left once nobody waits");
    }

    @Test
    void liftingTheLimitReleasesEveryoneWaiting() throws Exception {
        List<Integer> granted = new CopyOnWriteArrayList<>();
        onContext(() -> {
            Throttle t = new Throttle(clock, 16 * 1024);
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
            Throttle torrent = new Throttle(clock, 0);
            Throttle session = new Throttle(clock, 16 * 1024);
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
            Throttle t = new Throttle(clock, 16 * 1024);
            assertTrue(t.acquire(1, 16 * 1024, () -> { }));
            assertFalse(t.acquire(2, 16 * 1024, () -> granted.add(2)));
            assertFalse(t.acquire(3, 16 * 1024, () -> granted.add(3)));
            t.cancel(2);
            t.setRate(0);
            assertEquals(List.of(3), granted);
        });
    }
}
