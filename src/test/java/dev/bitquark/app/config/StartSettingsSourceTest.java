package dev.bitquark.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start settings file: what it may set, what outranks it, and how it is written. */
class StartSettingsSourceTest {
    @TempDir
    Path dir;

    private SmallRyeConfig config(Map<String, String> packaged, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(packaged, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "EnvConfigSource", 300))
                .withSources(new StartSettingsSource())
                .build();
    }

    @Test
    void aStoredValueReplacesThePackagedOneButNotTheEnvironment() throws Exception {
        StartSettingsFile.write(StartSettingsFile.in(dir), Map.of("bitquark.peer.port", "6881",
                "bitquark.dht.enabled", "false"));
        SmallRyeConfig c = config(Map.of("bitquark.data-dir", dir.toString(), "bitquark.peer.port", "4240",
                "bitquark.dht.enabled", "true", "%prod.bitquark.lsd.enabled", "true"),
                Map.of("bitquark.dht.enabled", "true"));
        assertEquals("6881", c.getRawValue("bitquark.peer.port"));
        assertEquals("true", c.getRawValue("bitquark.dht.enabled"), "the environment outranks the file");
    }

    @Test
    void aStoredValueAlsoReplacesAPackagedProfileValue() throws Exception {
        StartSettingsFile.write(StartSettingsFile.in(dir), Map.of("bitquark.peer.port", "6881"));
        SmallRyeConfig c = config(Map.of("bitquark.data-dir", dir.toString(), "%prod.bitquark.peer.port", "4240"),
                Map.of());
        assertEquals("6881", c.getRawValue("bitquark.peer.port"));
    }

    @Test
    void propertiesOutsideTheStartSettingsAreIgnored() throws Exception {
        Path file = StartSettingsFile.in(dir);
        Files.writeString(file, "bitquark.peer.port=7000\nbitquark.auth.password=hijack\nquarkus.http.port=1\n"
                + "bitquark.data-dir=/elsewhere\n");
        SmallRyeConfig c = config(Map.of("bitquark.data-dir", dir.toString(), "quarkus.http.port", "3030"), Map.of());
        assertEquals("7000", c.getRawValue("bitquark.peer.port"));
        assertEquals(null, c.getRawValue("bitquark.auth.password"));
        assertEquals("3030", c.getRawValue("quarkus.http.port"));
        assertEquals(dir.toString(), c.getRawValue("bitquark.data-dir"));
        assertEquals(Map.of("bitquark.peer.port", "7000"), StartSettingsFile.read(file));
    }

    @Test
    void aMissingDamagedOrHugeFileChangesNothing() throws Exception {
        Path file = StartSettingsFile.in(dir);
        assertEquals(Map.of(), StartSettingsFile.read(file));
        Files.writeString(file, "bitquark.peer.port=\\u00zz\n");
        assertEquals(Map.of(), StartSettingsFile.read(file), "a malformed escape");
        Files.writeString(file, "bitquark.peer.port=1\n" + "#".repeat(StartSettingsFile.MAX_BYTES));
        assertEquals(Map.of(), StartSettingsFile.read(file), "over the size cap");
    }

    @Test
    void writingReplacesTheFileWithoutLeavingATemporaryOne() throws Exception {
        Path file = StartSettingsFile.in(dir);
        StartSettingsFile.write(file, Map.of("bitquark.peer.port", "1", "bitquark.download-dir", "/srv/ü dir=x"));
        StartSettingsFile.write(file, Map.of("bitquark.download-dir", "/srv/ü dir=x"));
        assertEquals(Map.of("bitquark.download-dir", "/srv/ü dir=x"), StartSettingsFile.read(file));
        assertEquals(List.of(file), Files.list(dir).toList());
    }

    @Test
    void valuesAreCheckedNamingTheSetting() {
        assertEquals("6881", StartSetting.PEER_PORT.text(6881L));
        assertEquals("500ms", StartSetting.SESSION_SAVE_INTERVAL.text(500L));
        assertEquals("a.example:6881,[::1]:7000", StartSetting.DHT_BOOTSTRAP.text(List.of("a.example:6881", "[::1]:7000")));
        assertEquals("none", StartSetting.DHT_BOOTSTRAP.text(List.of("none")));
        assertEquals("BITQUARK_PEER_PORT", StartSetting.PEER_PORT.environmentVariable());
        assertEquals("BITQUARK_DOWNLOAD_DIR", StartSetting.DOWNLOAD_DIR.environmentVariable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StartSetting.PEER_PORT.text(70000L));
        assertEquals("setting \"peerPort\" is 70000, outside 1..65535", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StartSetting.PEER_PORT.text("6881"));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.DHT.text("yes"));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.PEER_BIND.text("http://x/"));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.DOWNLOAD_DIR.text("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.DOWNLOAD_DIR.text(" "));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.DHT_BOOTSTRAP.text(List.of("x:99999")));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.DHT_BOOTSTRAP.text(List.of("x:0")));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.DHT_BOOTSTRAP.text(List.of()));
        assertTrue(StartSetting.byKey("dataDir") == null, "the data folder is not a start setting");
        assertEquals("delete", StartSetting.WATCH_AFTER_ADD.text("delete"));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.WATCH_AFTER_ADD.text("move"));
        assertEquals("bitquark.example.org,*.home.arpa",
                StartSetting.ALLOWED_HOSTS.text(List.of("bitquark.example.org", "*.home.arpa")));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.ALLOWED_HOSTS.text(List.of("http://x")));
        assertEquals("10.0.0.0/8,::1", StartSetting.TRUSTED_PROXIES.text(List.of("10.0.0.0/8", "::1")));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.TRUSTED_PROXIES.text(List.of("proxy.lan")));
        assertEquals("90m", StartSetting.LOGIN_SESSION_MINUTES.text(90L));
        assertEquals("BITQUARK_AUTH_SESSION_TTL", StartSetting.LOGIN_SESSION_MINUTES.environmentVariable());
        assertThrows(IllegalArgumentException.class, () -> StartSetting.LOG_FILE_SIZE.text(1000L));
        assertThrows(IllegalArgumentException.class, () -> StartSetting.STREAM_READ_AHEAD.text(-1L));
    }
}
