package dev.bitquark.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogTailTest {

    @Test
    void keepsOnlyTheLastThousandLines() {
        LogTail tail = new LogTail(1000);
        for (int i = 0; i < 2500; i++) {
            tail.append("line " + i);
        }
        List<String> last = tail.last(5000);
        assertEquals(1000, last.size());
        assertEquals("line 1500", last.get(0));
        assertEquals("line 2499", last.get(999));
    }

    @Test
    void newSubscriberGetsTheBacklogThenNewLinesInOrder() {
        LogTail tail = new LogTail(1000);
        for (int i = 0; i < 10; i++) {
            tail.append("old " + i);
        }
        AtomicInteger wakes = new AtomicInteger();
        LogTail.Subscription s = tail.subscribe(3, 100, wakes::incrementAndGet, () -> { });
        assertEquals(1, wakes.get(), "a non-empty backlog wakes the reader");
        tail.append("new");

        List<String> got = new ArrayList<>();
        for (String l = s.poll(); l != null; l = s.poll()) {
            got.add(l);
        }
        assertEquals(List.of("old 7", "old 8", "old 9", "new"), got);
        assertEquals(1, wakes.get(), "no second wake-up while the reader has not drained");

        tail.append("later");
        assertEquals(2, wakes.get(), "after draining, the next line wakes the reader again");
        assertEquals("later", s.poll());
        assertNull(s.poll());
    }

    @Test
    void aSlowReaderIsDroppedWithoutSlowingTheWriter() {
        LogTail tail = new LogTail(1000);
        AtomicInteger drops = new AtomicInteger();
        LogTail.Subscription slow = tail.subscribe(0, 50, () -> { }, drops::incrementAndGet);
        LogTail.Subscription fast = tail.subscribe(0, 50, () -> { }, () -> { });

        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            tail.append("line " + i);
            if (fast.poll() == null) {
                throw new AssertionError("the fast reader lost line " + i);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertTrue(slow.dropped());
        assertEquals(1, drops.get(), "told exactly once");
        assertEquals(0, slow.queued(), "a dropped reader's queue is freed");
        assertFalse(fast.dropped());
        assertEquals(1, tail.subscriberCount());
        assertTrue(ms < 5_000, "100k lines took " + ms + " ms");
    }

    @Test
    void unsubscribedReadersGetNothing() {
        LogTail tail = new LogTail(10);
        LogTail.Subscription s = tail.subscribe(0, 10, () -> { }, () -> { });
        tail.unsubscribe(s);
        tail.append("x");
        assertNull(s.poll());
        assertEquals(0, tail.subscriberCount());
    }
}
