package dev.bitquark.lsd;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings validation, defaults and the local-subnet filter. */
class LsdSettingsTest {
    @Test
    void defaultsAreBep14sGroupAndPortAndLibtorrentsInterval() {
        LsdSettings d = LsdSettings.defaults();
        assertEquals("239.192.152.143", d.group());
        assertEquals(6771, d.port());
        assertNull(d.networkInterface());
        assertEquals(Duration.ofMinutes(5), d.announceInterval());
        assertEquals("239.192.152.143:6771", d.host());
        assertEquals(LsdMessage.BEP14_HOST, d.host());
    }

    @Test
    void refusesWhatCannotWork() {
        Duration m = Duration.ofMinutes(5);
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("10.0.0.1", 6771, null, m, 5, 50));
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("lsd.example", 6771, null, m, 5, 50));
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("ff15::efc0:988f", 6771, null, m, 5, 50));
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("239.192.152.143", 0, null, m, 5, 50));
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("239.192.152.143", 6771, " ", m, 5, 50));
        assertThrows(IllegalArgumentException.class,
                () -> new LsdSettings("239.192.152.143", 6771, null, Duration.ZERO, 5, 50));
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("239.192.152.143", 6771, null, m, 0, 50));
        assertThrows(IllegalArgumentException.class, () -> new LsdSettings("239.192.152.143", 6771, null, m, 5, 0));
    }

    @Test
    void theLoopbackSubnetIsLocalAndOthersAreNot() throws Exception {
        LocalNetworks lo = LocalNetworks.of(List.of(NetworkInterface.getByName("lo")));
        assertTrue(lo.contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(lo.contains(InetAddress.getByName("127.255.0.9")));
        assertFalse(lo.contains(InetAddress.getByName("128.0.0.1")));
        assertFalse(lo.contains(InetAddress.getByName("8.8.8.8")));
        assertFalse(lo.contains(InetAddress.getByName("::1")));
    }

    @Test
    void readsOnlyDottedQuadsAsSenders() {
        assertEquals("192.168.1.20", LocalNetworks.ipv4("192.168.1.20").getHostAddress());
        assertNull(LocalNetworks.ipv4("256.1.1.1"));
        assertNull(LocalNetworks.ipv4("::1"));
        assertNull(LocalNetworks.ipv4("localhost"));
        assertNull(LocalNetworks.ipv4(null));
    }
}
