package dev.bitquark.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotOrderTest {
    static final InfoHash A = InfoHash.fromHex("a".repeat(40));
    static final InfoHash B = InfoHash.fromHex("b".repeat(40));

    @Test
    void aSnapshotThatArrivesAfterANewerOneWasStoredIsOutdated() {
        SnapshotOrder order = new SnapshotOrder();
        long older = order.take(() -> "paused").seq();
        long newer = order.take(() -> "live").seq();
        assertFalse(order.outdated(A, older), "nothing stored yet: any snapshot is worth writing");
        order.stored(A, newer);
        assertTrue(order.outdated(A, older), "the older snapshot must not overwrite the newer one");
        assertFalse(order.outdated(A, newer));
        assertFalse(order.outdated(B, older), "numbers are compared per torrent");
    }

    @Test
    void storingAnOlderNumberLateDoesNotLowerTheMark() {
        SnapshotOrder order = new SnapshotOrder();
        long first = order.take(() -> 1).seq();
        long second = order.take(() -> 2).seq();
        long third = order.take(() -> 3).seq();
        order.stored(A, third);
        order.stored(A, first);
        assertTrue(order.outdated(A, second));
    }

    @Test
    void aRemovedTorrentStartsAfresh() {
        SnapshotOrder order = new SnapshotOrder();
        long old = order.take(() -> 1).seq();
        order.stored(A, order.take(() -> 2).seq());
        order.forget(A);
        assertFalse(order.outdated(A, old));
    }

    @Test
    void theNthRequestMadeIsNumberedNWhateverTheThread() throws Exception {
        SnapshotOrder order = new SnapshotOrder();
        long[] made = {0}; // touched only inside take, under its lock
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            threads.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5000; i++) {
                    SnapshotOrder.Numbered<Long> n = order.take(() -> ++made[0]);
                    if (n.seq() != n.snapshot()) {
                        wrong.add(n.toString());
                    }
                }
            });
        }
        start.countDown();
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(), wrong);
        assertEquals(20_000, order.take(() -> made[0]).seq() - 1);
    }
}
