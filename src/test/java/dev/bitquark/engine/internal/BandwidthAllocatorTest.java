package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthAllocatorTest {
    private static final int BLOCK = 16_384;
    private final ManualClock clock = new ManualClock();

    @Test
    void grantsImmediatelyWhileNobodyWaits() {
        BandwidthAllocator allocator = new BandwidthAllocator(new TokenBucket(BLOCK * 10L, BLOCK * 2L, clock.nanos()));
        assertTrue(allocator.tryAcquire(1, BLOCK, clock.nanos()));
        assertTrue(allocator.tryAcquire(2, BLOCK, clock.nanos()));
        assertFalse(allocator.tryAcquire(3, BLOCK, clock.nanos()));
        assertEquals(100_000_000, allocator.nanosUntilNextGrant(clock.nanos()));
    }

    @Test
    void waitersAreServedRoundRobinSoEachGetsAnEqualShare() {
        BandwidthAllocator allocator = new BandwidthAllocator(new TokenBucket(BLOCK * 10L, BLOCK, clock.nanos()));
        Map<Integer, Integer> grantedBytes = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        // Three greedy connections: each asks again for a block as soon as it was granted one.
        for (int key = 1; key <= 3; key++) {
            if (allocator.tryAcquire(key, BLOCK, clock.nanos())) {
                grantedBytes.merge(key, BLOCK, Integer::sum);
                order.add(key);
                assertFalse(allocator.tryAcquire(key, BLOCK, clock.nanos()));
            }
        }
        for (int tick = 0; tick < 3000; tick++) {
            clock.advanceMillis(1);
            List<BandwidthAllocator.Grant> grants = new ArrayList<>();
            allocator.grant(clock.nanos(), grants);
            for (BandwidthAllocator.Grant g : grants) {
                grantedBytes.merge(g.key(), g.bytes(), Integer::sum);
                order.add(g.key());
                assertFalse(allocator.tryAcquire(g.key(), BLOCK, clock.nanos()), "others wait: no cutting in");
            }
        }
        // Connection 1 got the burst and queued again first; from then on strictly in turn.
        assertEquals(List.of(1, 1, 2, 3, 1, 2, 3), order.subList(0, 7));
        int a = grantedBytes.get(1);
        assertEquals(a, grantedBytes.get(2), BLOCK);
        assertEquals(a, grantedBytes.get(3), BLOCK);
        // 3 s at 10 blocks/s plus the initial burst of one block.
        assertEquals(31, order.size(), 1);
    }

    @Test
    void largeRequestIsNotStarvedBySmallOnes() {
        BandwidthAllocator allocator = new BandwidthAllocator(new TokenBucket(1000, 1000, clock.nanos()));
        assertTrue(allocator.tryAcquire(1, 1000, clock.nanos()));
        assertFalse(allocator.tryAcquire(2, 800, clock.nanos()));
        assertFalse(allocator.tryAcquire(3, 10, clock.nanos()));
        clock.advanceMillis(100);
        List<BandwidthAllocator.Grant> grants = new ArrayList<>();
        assertEquals(0, allocator.grant(clock.nanos(), grants), "the small request must not overtake");
        clock.advanceMillis(710);
        allocator.grant(clock.nanos(), grants);
        assertEquals(List.of(new BandwidthAllocator.Grant(2, 800), new BandwidthAllocator.Grant(3, 10)), grants);
        assertEquals(-1, allocator.nanosUntilNextGrant(clock.nanos()));
    }

    @Test
    void cancelledWaiterIsNotGranted() {
        BandwidthAllocator allocator = new BandwidthAllocator(new TokenBucket(1000, 100, clock.nanos()));
        allocator.tryAcquire(1, 100, clock.nanos());
        allocator.tryAcquire(2, 100, clock.nanos());
        assertTrue(allocator.isWaiting(2));
        assertTrue(allocator.cancel(2));
        assertFalse(allocator.cancel(2));
        clock.advanceMillis(1000);
        List<BandwidthAllocator.Grant> grants = new ArrayList<>();
        assertEquals(0, allocator.grant(clock.nanos(), grants));
        assertEquals(0, allocator.waitingCount());
    }

    @Test
    void connectionMayWaitOnlyOnce() {
        BandwidthAllocator allocator = new BandwidthAllocator(new TokenBucket(1000, 100, clock.nanos()));
        allocator.tryAcquire(1, 100, clock.nanos());
        allocator.tryAcquire(2, 100, clock.nanos());
        assertThrows(IllegalStateException.class, () -> allocator.tryAcquire(2, 100, clock.nanos()));
    }

    @Test
    void unlimitedBucketGrantsEverything() {
        BandwidthAllocator allocator = new BandwidthAllocator(new TokenBucket(0, 1, clock.nanos()));
        for (int i = 0; i < 100; i++) {
            assertTrue(allocator.tryAcquire(i, BLOCK, clock.nanos()));
        }
    }
}
