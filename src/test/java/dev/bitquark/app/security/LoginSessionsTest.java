package dev.bitquark.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bitquark.app.security.LoginSessions.Touch;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginSessionsTest {
    final AtomicLong now = new AtomicLong();
    final LoginSessions sessions = new LoginSessions(Duration.ofDays(7), 3, now::get, new SecureRandom());

    @Test
    void tokensAreRandom32ByteValues() {
        String a = sessions.create();
        String b = sessions.create();
        assertEquals(43, a.length(), "32 bytes in base64url without padding");
        assertNotEquals(a, b);
    }

    @Test
    void expiryIsSlidingSevenDays() {
        String t = sessions.create();
        now.addAndGet(Duration.ofDays(6).toNanos());
        assertEquals(Touch.VALID_REFRESH, sessions.touch(t), "used after a day: the cookie is re-sent");
        now.addAndGet(Duration.ofDays(6).toNanos());
        assertEquals(Touch.VALID_REFRESH, sessions.touch(t), "twelve days after login, but only six idle");
        assertEquals(Touch.VALID, sessions.touch(t));
        now.addAndGet(Duration.ofDays(7).toNanos());
        assertEquals(Touch.INVALID, sessions.touch(t));
    }

    @Test
    void logoutEndsTheSession() {
        String t = sessions.create();
        sessions.remove(t);
        assertEquals(Touch.INVALID, sessions.touch(t));
    }

    @Test
    void countIsBoundedDroppingTheLeastRecentlyUsed() {
        String a = sessions.create();
        String b = sessions.create();
        String c = sessions.create();
        sessions.touch(a);
        String d = sessions.create();
        assertEquals(3, sessions.size());
        assertEquals(Touch.INVALID, sessions.touch(b));
        assertEquals(Touch.VALID, sessions.touch(a));
        assertEquals(Touch.VALID, sessions.touch(c));
        assertEquals(Touch.VALID, sessions.touch(d));
    }

    @Test
    void rejectsForeignAndMalformedTokens() {
        sessions.create();
        assertEquals(Touch.INVALID, sessions.touch("x".repeat(43)));
        assertEquals(Touch.INVALID, sessions.touch("a b"));
        assertEquals(Touch.INVALID, sessions.touch(""));
        assertEquals(Touch.INVALID, sessions.touch("y".repeat(5000)));
    }
}
