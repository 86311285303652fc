package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateEstimatorTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void steadyTrafficGivesItsRate() {
        RateEstimator rate = new RateEstimator();
        for (int i = 0; i < 200; i++) {
            rate.add(10_000, clock.millis());
            clock.advanceMillis(100);
        }
        assertEquals(100_000, rate.bytesPerSecond(clock.millis()), 2_000);
        assertEquals(2_000_000, rate.totalBytes());
    }

    @Test
    void youngEstimatorDividesByItsAgeNotTheWholeWindow() {
        RateEstimator rate = new RateEstimator();
        rate.add(0, clock.millis());
        clock.advanceMillis(2000);
        rate.add(400_000, clock.millis());
        assertEquals(200_000, rate.bytesPerSecond(clock.millis()));
    }

    @Test
    void burstInTheFirstMillisecondIsSpreadOverAtLeastOneBucket() {
        RateEstimator rate = new RateEstimator();
        rate.add(16_384, clock.millis());
        clock.advanceMillis(1);
        assertEquals(16_384, rate.bytesPerSecond(clock.millis()));
    }

    @Test
    void oldTrafficLeavesTheWindow() {
        RateEstimator rate = new RateEstimator(1000, 6);
        rate.add(1_000_000, clock.millis());
        clock.advanceMillis(3000);
        long during = rate.bytesPerSecond(clock.millis());
        clock.advanceMillis(4000);
        assertEquals(333_333, during, 1);
        assertEquals(0, rate.bytesPerSecond(clock.millis()));
        clock.advanceMillis(60_000);
        rate.add(6000, clock.millis());
        clock.advanceMillis(3000);
        assertEquals(6000 / 5, rate.bytesPerSecond(clock.millis()), "a full window: five whole buckets");
    }

    @Test
    void clockSteppingBackDoesNotCorruptTheWindow() {
        RateEstimator rate = new RateEstimator();
        rate.add(5000, clock.millis());
        clock.advanceMillis(1500);
        rate.add(5000, clock.millis() - 1200);
        assertEquals(10_000 * 1000 / 1500, rate.bytesPerSecond(clock.millis()));
    }

    @Test
    void rejectsNegativeBytesAndDegenerateWindows() {
        assertThrows(IllegalArgumentException.class, () -> new RateEstimator().add(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateEstimator(0, 6));
        assertThrows(IllegalArgumentException.class, () -> new RateEstimator(1000, 1));
    }
}
