package dev.bitquark.lsd;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The rate limiter on a manual clock. */
class LsdTokenBucketTest {
    static final long MS = 1_000_000L;

    @Test
    void allowsABurstOfOneSecondThenTheRate() {
        TokenBucket b = new TokenBucket(5, 0);
        int taken = 0;
        while (b.tryTake(0)) {
            taken++;
        }
        assertEquals(5, taken);
        assertEquals(200 * MS, b.nanosUntilToken(0));
        assertFalse(b.tryTake(199 * MS));
        assertTrue(b.tryTake(200 * MS));
        assertFalse(b.tryTake(200 * MS));
    }

    @Test
    void neverHoldsMoreThanOneSecondsWorth() {
        TokenBucket b = new TokenBucket(3, 0);
        assertEquals(3, b.available(3_600_000 * MS));
    }

    @Test
    void overAnySpanAtMostBurstPlusRateTimesSpanPass() {
        TokenBucket b = new TokenBucket(20, 0);
        int passed = 0;
        for (long t = 0; t <= 10_000 * MS; t += MS) {
            while (b.tryTake(t)) {
                passed++;
            }
        }
        assertEquals(20 + 20 * 10, passed);
    }

    @Test
    void timeGoingBackwardsAddsNothing() {
        TokenBucket b = new TokenBucket(1, 1000 * MS);
        assertTrue(b.tryTake(1000 * MS));
        assertFalse(b.tryTake(0));
        assertEquals(0, b.available(500 * MS));
    }
}
