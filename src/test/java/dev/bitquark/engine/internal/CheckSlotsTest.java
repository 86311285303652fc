package dev.bitquark.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckSlotsTest {
    @Test
    void grantsUpToTheLimitThenInArrivalOrder() {
        CheckSlots slots = new CheckSlots(2);
        List<String> granted = new ArrayList<>();
        CheckSlots.Ticket a = slots.acquire(t -> granted.add("a"));
        CheckSlots.Ticket b = slots.acquire(t -> granted.add("b"));
        CheckSlots.Ticket c = slots.acquire(t -> granted.add("c"));
        CheckSlots.Ticket d = slots.acquire(t -> granted.add("d"));
        assertEquals(List.of("a", "b"), granted);
        assertEquals(2, slots.running());
        assertEquals(2, slots.waiting());
        assertFalse(c.isGranted());

        b.release();
        assertEquals(List.of("a", "b", "c"), granted);
        assertTrue(c.isGranted());
        a.release();
        assertEquals(List.of("a", "b", "c", "d"), granted);
        assertTrue(d.isGranted());
    }

    @Test
    void aQueuedTicketThatIsReleasedIsNeverGranted() {
        CheckSlots slots = new CheckSlots(1);
        List<String> granted = new ArrayList<>();
        CheckSlots.Ticket a = slots.acquire(t -> granted.add("a"));
        CheckSlots.Ticket b = slots.acquire(t -> granted.add("b"));
        slots.acquire(t -> granted.add("c"));
        b.release();
        a.release();
        assertEquals(List.of("a", "c"), granted);
        assertEquals(1, slots.running());
        assertEquals(0, slots.waiting());
    }

    @Test
    void releasingTwiceFreesOneSlot() {
        CheckSlots slots = new CheckSlots(1);
        CheckSlots.Ticket a = slots.acquire(t -> { });
        CheckSlots.Ticket b = slots.acquire(t -> { });
        slots.acquire(t -> { });
        a.release();
        a.release();
        assertEquals(1, slots.running(), "the second release of a must not free b's slot");
        assertTrue(b.isGranted());
        assertEquals(1, slots.waiting());
    }

    @Test
    void theGrantedCallbackGetsItsTicketEvenWhenGrantedAtOnce() {
        CheckSlots slots = new CheckSlots(1);
        List<CheckSlots.Ticket> seen = new ArrayList<>();
        CheckSlots.Ticket a = slots.acquire(seen::add);
        assertEquals(List.of(a), seen);
    }

    @Test
    void rejectsAZeroLimit() {
        assertThrows(IllegalArgumentException.class, () -> new CheckSlots(0));
    }

    @Test
    void raisingTheLimitGrantsWaitingTorrentsAtOnce() {
        CheckSlots slots = new CheckSlots(1);
        List<String> granted = new ArrayList<>();
        slots.acquire(t -> granted.add("a"));
        slots.acquire(t -> granted.add("b"));
        slots.acquire(t -> granted.add("c"));
        slots.setMax(3);
        assertEquals(List.of("a", "b", "c"), granted);
        assertEquals(3, slots.running());
        assertEquals(3, slots.max());
    }

    @Test
    void loweringTheLimitLetsRunningChecksFinishAndGrantsNoMoreUntilBelowIt() {
        CheckSlots slots = new CheckSlots(2);
        List<String> granted = new ArrayList<>();
        CheckSlots.Ticket a = slots.acquire(t -> granted.add("a"));
        CheckSlots.Ticket b = slots.acquire(t -> granted.add("b"));
        slots.acquire(t -> granted.add("c"));
        slots.setMax(1);
        assertTrue(a.isGranted() && b.isGranted(), "running checks are not interrupted");
        a.release();
        assertEquals(List.of("a", "b"), granted, "one still runs: at the new limit, c waits");
        b.release();
        assertEquals(List.of("a", "b", "c"), granted);
        assertThrows(IllegalArgumentException.class, () -> slots.setMax(0));
    }
}
