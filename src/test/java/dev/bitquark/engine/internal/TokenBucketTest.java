package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void startsFullAndRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(1000, 500, clock.nanos());
        assertTrue(bucket.tryConsume(500, clock.nanos()));
        assertFalse(bucket.tryConsume(1, clock.nanos()));
        assertEquals(100_000_000, bucket.nanosUntil(100, clock.nanos()));
        clock.advanceMillis(99);
        assertFalse(bucket.tryConsume(100, clock.nanos()));
        clock.advanceMillis(1);
        assertTrue(bucket.tryConsume(100, clock.nanos()));
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 500, clock.nanos());
        clock.advanceMillis(3_600_000);
        assertEquals(500, bucket.available(clock.nanos()));
        assertTrue(bucket.tryConsume(500, clock.nanos()));
        assertFalse(bucket.tryConsume(1, clock.nanos()));
    }

    @Test
    void longRunRateHoldsForManySmallTransfers() {
        TokenBucket bucket = new TokenBucket(100_000, 16_384, clock.nanos());
        long sent = 0;
        for (int step = 0; step < 10_000; step++) {
            while (bucket.tryConsume(1000, clock.nanos())) {
                sent += 1000;
            }
            clock.advanceMillis(1);
        }
        // 10 s at 100 000 B/s plus the initial burst.
        assertEquals(1_000_000 + 16_384, sent, 2000);
    }

    @Test
    void transferLargerThanBurstWaitsForFullBucketThenLeavesDebt() {
        TokenBucket bucket = new TokenBucket(1000, 100, clock.nanos());
        assertTrue(bucket.tryConsume(300, clock.nanos()));
        assertEquals(-200, bucket.available(clock.nanos()));
        assertEquals(300_000_000, bucket.nanosUntil(300, clock.nanos()), "needs a full burst: 200 debt + 100");
        clock.advanceMillis(300);
        assertTrue(bucket.tryConsume(300, clock.nanos()));
    }

    @Test
    void zeroRateMeansUnlimited() {
        TokenBucket bucket = new TokenBucket(0, 1, clock.nanos());
        assertTrue(bucket.isUnlimited());
        for (int i = 0; i < 1000; i++) {
            assertTrue(bucket.tryConsume(Integer.MAX_VALUE, clock.nanos()));
        }
        assertEquals(0, bucket.nanosUntil(Integer.MAX_VALUE, clock.nanos()));
    }

    @Test
    void rateCanChangeAtRuntime() {
        TokenBucket bucket = new TokenBucket(1000, 1000, clock.nanos());
        assertTrue(bucket.tryConsume(1000, clock.nanos()));
        clock.advanceMillis(500);
        bucket.setRate(10_000, 10_000, clock.nanos());
        assertEquals(500, bucket.available(clock.nanos()), "tokens earned at the old rate are kept");
        clock.advanceMillis(100);
        assertEquals(1500, bucket.available(clock.nanos()));
        bucket.setRate(0, 1, clock.nanos());
        assertTrue(bucket.tryConsume(1_000_000, clock.nanos()));
        bucket.setRate(1000, 200, clock.nanos());
        assertEquals(200, bucket.available(clock.nanos()), "leaving unlimited starts with a full bucket");
    }

    @Test
    void hugeRatesAndLongIdlePeriodsDoNotOverflow() {
        TokenBucket bucket = new TokenBucket(TokenBucket.MAX_RATE, TokenBucket.MAX_BURST, clock.nanos());
        assertTrue(bucket.tryConsume(Integer.MAX_VALUE, clock.nanos()));
        clock.advanceNanos(Long.MAX_VALUE / 4);
        assertEquals(TokenBucket.MAX_BURST, bucket.available(clock.nanos()));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, TokenBucket.MAX_BURST + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 10, 0).tryConsume(-1, 0));
    }

    @Test
    void defaultBurstIsOneSecondButAtLeastOneBlock() {
        assertEquals(1_000_000, TokenBucket.perSecond(1_000_000, 0).burst());
        assertEquals(16_384, TokenBucket.perSecond(1000, 0).burst());
    }
}
