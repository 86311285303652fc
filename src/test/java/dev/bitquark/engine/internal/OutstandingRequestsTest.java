package dev.bitquark.engine.internal;

import static dev.bitquark.engine.internal.PickerScenario.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutstandingRequestsTest {
    private static final int BLOCK = PickerScenario.BLOCK;
    private final ManualClock clock = new ManualClock();

    @Test
    void peerIsSnubbedAfterSilenceWhileRequestsAreOutstanding() {
        OutstandingRequests requests = new OutstandingRequests(60_000, 120_000);
        requests.sent(new BlockRequest(0, 0, BLOCK), clock.millis());
        clock.advanceMillis(59_999);
        assertFalse(requests.isSnubbed(clock.millis()));
        clock.advanceMillis(1);
        assertTrue(requests.isSnubbed(clock.millis()));
        assertTrue(requests.received(0, 0, BLOCK, clock.millis()));
        assertFalse(requests.isSnubbed(clock.millis()), "a block lifts the snub");
    }

    @Test
    void idlePeerWithoutRequestsIsNotSnubbed() {
        OutstandingRequests requests = new OutstandingRequests();
        clock.advanceMillis(3_600_000);
        assertFalse(requests.isSnubbed(clock.millis()));
    }

    @Test
    void waitingStartsWithTheFirstRequestAfterAnIdlePeriod() {
        OutstandingRequests requests = new OutstandingRequests(60_000, 60_000);
        requests.sent(new BlockRequest(0, 0, BLOCK), clock.millis());
        requests.received(0, 0, BLOCK, clock.millis());
        clock.advanceMillis(120_000);
        requests.sent(new BlockRequest(0, BLOCK, BLOCK), clock.millis());
        clock.advanceMillis(10_000);
        assertFalse(requests.isSnubbed(clock.millis()));
    }

    @Test
    void slowButSteadyPeerWithADeepQueueIsNeitherSnubbedNorTimedOut() {
        OutstandingRequests requests = new OutstandingRequests(60_000, 60_000);
        for (int b = 0; b < 100; b++) {
            requests.sent(new BlockRequest(b / 4, (b % 4) * BLOCK, BLOCK), clock.millis());
        }
        List<BlockRequest> expired = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            clock.advanceMillis(30_000);
            assertTrue(requests.received(b / 4, (b % 4) * BLOCK, BLOCK, clock.millis()));
            assertFalse(requests.isSnubbed(clock.millis()));
            assertEquals(0, requests.expire(clock.millis(), expired));
        }
        assertEquals(80, requests.size());
    }

    @Test
    void timedOutRequestsGoBackToThePickerForOtherPeers() {
        PiecePicker picker = PickerScenario.picker("0", ".", 4, 2);
        TestPeer stalled = TestPeer.seed(picker, 1);
        TestPeer healthy = TestPeer.seed(picker, 2);
        OutstandingRequests requests = new OutstandingRequests(30_000, 60_000);
        for (BlockRequest r : pick(picker, stalled, 4)) {
            requests.sent(r, clock.millis());
        }
        clock.advanceMillis(45_000);
        assertTrue(requests.isSnubbed(clock.millis()));
        List<BlockRequest> expired = new ArrayList<>();
        assertEquals(0, requests.expire(clock.millis(), expired));
        clock.advanceMillis(15_000);
        assertEquals(4, requests.expire(clock.millis(), expired));
        assertEquals(0, requests.size());
        for (BlockRequest r : expired) {
            assertTrue(picker.onBlockRejected(stalled.key(), r.piece(), r.block()));
        }
        assertEquals(expired, pick(picker, healthy, 4));
    }

    @Test
    void rejectedAndClearedRequestsLeaveTheQueue() {
        OutstandingRequests requests = new OutstandingRequests();
        BlockRequest a = new BlockRequest(1, 0, BLOCK);
        BlockRequest b = new BlockRequest(1, BLOCK, BLOCK);
        assertTrue(requests.sent(a, clock.millis()));
        assertFalse(requests.sent(a, clock.millis()));
        requests.sent(b, clock.millis());
        assertTrue(requests.remove(1, 0, BLOCK));
        assertFalse(requests.remove(1, 0, BLOCK));
        assertFalse(requests.received(-1, 0, BLOCK, clock.millis()), "nonsense from the wire is simply not ours");
        assertEquals(List.of(b), requests.snapshot());
        List<BlockRequest> out = new ArrayList<>();
        assertEquals(1, requests.clear(out));
        assertEquals(List.of(b), out);
    }

    @Test
    void rejectsNonPositivePeriods() {
        assertThrows(IllegalArgumentException.class, () -> new OutstandingRequests(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new OutstandingRequests(10, -1));
    }
}
