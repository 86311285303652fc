package dev.bitquark.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(1), 20, Duration.ofMinutes(15), 100,
            now::get);

    private void fail(String client) {
        assertTrue(limiter.begin(client).allowed());
        limiter.finish(client, false);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void allowsFiveFailuresPerMinuteThenAsksToWait() {
        for (int i = 0; i < 5; i++) {
            fail("a");
            advance(Duration.ofSeconds(1));
        }
        LoginLimiter.Decision d = limiter.begin("a");
        assertFalse(d.allowed());
        assertFalse(d.banned());
        assertEquals(55, d.retryAfterSeconds(), "the first failure (at 0 s) leaves the window 55 s from now (5 s)");

        advance(Duration.ofSeconds(55));
        assertTrue(limiter.begin("a").allowed(), "a failure older than a minute no longer counts");
    }

    @Test
    void checksInProgressCountSoParallelGuessesCannotOvershoot() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.begin("a").allowed());
        }
        assertFalse(limiter.begin("a").allowed());
    }

    @Test
    void twentyStrikesBanForFifteenMinutesEvenForTheRightPassword() {
        int refused = 0;
        LoginLimiter.Decision d = null;
        for (int i = 0; i < 5; i++) {
            fail("a");
        }
        for (int i = 0; i < 15; i++) {
            d = limiter.begin("a");
            assertFalse(d.allowed());
            refused++;
        }
        assertEquals(15, refused);
        assertTrue(d.banned(), "5 failures + 15 refusals = 20 strikes");
        assertTrue(d.banStarted(), "the twentieth strike starts the ban");
        assertFalse(limiter.begin("a").banStarted(), "later refusals do not start it again");
        assertEquals(15 * 60, d.retryAfterSeconds());
        assertTrue(limiter.banStatus("a").banned());

        advance(Duration.ofMinutes(14));
        assertTrue(limiter.begin("a").banned());
        advance(Duration.ofMinutes(1));
        assertTrue(limiter.begin("a").allowed(), "the ban ends after 15 minutes");
    }

    @Test
    void slowGuessingIsBannedToo() {
        for (int i = 0; i < 19; i++) {
            fail("a");
            advance(Duration.ofSeconds(13)); // under 5 per minute
        }
        assertTrue(limiter.begin("a").allowed());
        assertTrue(limiter.finish("a", false), "the twentieth failure starts the ban");
        assertTrue(limiter.begin("a").banned());
    }

    @Test
    void successForgetsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            fail("a");
        }
        assertTrue(limiter.begin("a").allowed());
        limiter.finish("a", true);
        for (int i = 0; i < 5; i++) {
            fail("a");
        }
        assertFalse(limiter.begin("a").allowed());
    }

    @Test
    void cancelledChecksNeitherCountNorReset() {
        for (int i = 0; i < 4; i++) {
            fail("a");
        }
        assertTrue(limiter.begin("a").allowed());
        limiter.cancel("a");
        fail("a");
        assertFalse(limiter.begin("a").allowed(), "the four earlier failures still count");
    }

    @Test
    void clientsAreCountedSeparately() {
        for (int i = 0; i < 5; i++) {
            fail("a");
        }
        assertFalse(limiter.begin("a").allowed());
        assertTrue(limiter.begin("b").allowed());
    }

    @Test
    void tableStaysBounded() {
        for (int i = 0; i < 1000; i++) {
            fail("client-" + i);
        }
        assertEquals(100, limiter.trackedClients());
    }
}
