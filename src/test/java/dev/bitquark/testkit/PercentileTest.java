package dev.bitquark.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentileTest {
    static List<Double> oneTo(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> (double) i).toList();
    }

    @Test
    void takesTheValueAtRankCeilingOfQTimesN() {
        assertEquals(57.0, Percentile.nearestRank(oneTo(60), 0.95), "three of 60 above p95");
        assertEquals(30.0, Percentile.nearestRank(oneTo(60), 0.5));
        assertEquals(95.0, Percentile.nearestRank(oneTo(100), 0.95));
        assertEquals(19.0, Percentile.nearestRank(oneTo(20), 0.95), "19 of 20 at or below");
    }

    @Test
    void handlesTheEdges() {
        assertEquals(1.0, Percentile.nearestRank(oneTo(1), 0.95));
        assertEquals(60.0, Percentile.nearestRank(oneTo(60), 1.0));
        assertEquals(1.0, Percentile.nearestRank(oneTo(60), 0.001));
        assertTrue(Double.isNaN(Percentile.nearestRank(List.of(), 0.5)));
        assertThrows(IllegalArgumentException.class, () -> Percentile.nearestRank(oneTo(3), 0));
    }
}
