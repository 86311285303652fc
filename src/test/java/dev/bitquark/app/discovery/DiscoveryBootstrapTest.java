package dev.bitquark.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.dht.DhtSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DHT bootstrap list as the server's configuration and both commands read it: one rule for all. */
class DiscoveryBootstrapTest {
    @Test
    void nothingGivenMeansThePublicRouters() {
        assertEquals(DhtSettings.DEFAULT_ROUTERS, Discovery.bootstrap(null));
        assertEquals(DhtSettings.DEFAULT_ROUTERS, Discovery.bootstrap(List.of()));
    }

    @Test
    void noneMeansNoRouter() {
        assertEquals(List.of(), Discovery.bootstrap(List.of("none")));
        assertEquals(List.of(), Discovery.bootstrap(List.of(" NONE ")));
    }

    @Test
    void entriesAreKeptTrimmed() {
        assertEquals(List.of("127.0.0.1:6881", "router.example:25401"),
                Discovery.bootstrap(List.of(" 127.0.0.1:6881", "router.example:25401 ")));
    }

    @Test
    void anEntryWithoutAUsablePortIsRefusedNamingIt() {
        for (String bad : List.of("router.example", "router.example:0", "router.example:65536", "router.example:x",
                ":6881")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Discovery.bootstrap(List.of(bad)));
            assertTrue(e.getMessage().contains("'" + bad + "' is not host:port"), e.getMessage());
        }
    }
}
