package dev.bitquark.dht.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void aTokenBucketAllowsItsBurstThenItsRate() {
        TokenBucket b = new TokenBucket(10, 20, 0);
        int taken = 0;
        while (b.tryTake(0)) {
            taken++;
        }
        assertEquals(20, taken);
        assertFalse(b.tryTake(99));
        assertTrue(b.tryTake(100), "one token every 100 ms");
        assertFalse(b.tryTake(100));
        assertEquals(20, b.available(1_000_000), "never more than the burst");
    }

    @Test
    void eachIpHasItsOwnBucketAndTheGlobalOneCapsThemAll() throws Exception {
        PerIpLimiter l = new PerIpLimiter(1, 2, 3, 100, 0);
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        InetAddress c = InetAddress.getByName("10.0.0.3");
        assertTrue(l.allow(a, 0));
        assertTrue(l.allow(a, 0));
        assertFalse(l.allow(a, 0), "a's burst of 2 is spent");
        assertTrue(l.allow(b, 0));
        assertFalse(l.allow(c, 0), "the global burst of 3 is spent");
        assertTrue(l.allow(c, 1_000));
    }

    @Test
    void trackedIpsAreBounded() throws Exception {
        PerIpLimiter l = new PerIpLimiter(1, 1, 1_000_000, 16, 0);
        for (int i = 0; i < 100; i++) {
            l.allow(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i}), 0);
        }
        assertEquals(16, l.tracked());
    }
}
