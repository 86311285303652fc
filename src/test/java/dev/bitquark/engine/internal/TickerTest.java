package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.testkit.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One shared timer for every live torrent: order, removal during a tick, and no timer without tasks. */
class TickerTest {
    final ManualScheduler clock = new ManualScheduler();
    final Ticker ticker = new Ticker(clock, Duration.ofSeconds(1));
    final List<String> ran = new ArrayList<>();

    @Test
    void runsEveryTaskEachPeriodInTheOrderAdded() {
        ticker.add(() -> ran.add("a"));
        ticker.add(() -> ran.add("b"));
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), ran);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("a", "b"), ran);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a", "b", "a", "b"), ran);
    }

    @Test
    void aTaskRemovedDuringATickDoesNotRunAndTheOthersDo() {
        long[] b = new long[1];
        ticker.add(() -> {
            ran.add("a");
            ticker.remove(b[0]);
        });
        b[0] = ticker.add(() -> ran.add("b"));
        ticker.add(() -> ran.add("c"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("a", "c", "a", "c"), ran);
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        ticker.add(() -> {
            throw new IllegalStateException("boom");
        });
        ticker.add(() -> ran.add("b"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("b"), ran);
    }

    @Test
    void theTimerStopsWithTheLastTaskAndStartsAgainWithANewOne() {
        long a = ticker.add(() -> ran.add("a"));
        ticker.remove(a);
        clock.advance(Duration.ofSeconds(3));
        assertEquals(List.of(), ran);
        assertEquals(0, clock.pending());
        ticker.add(() -> ran.add("b"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("b"), ran);
    }
}
