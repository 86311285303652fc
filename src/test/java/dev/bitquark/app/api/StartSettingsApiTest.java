package dev.bitquark.app.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.TestAuth;
import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.config.StartSettingsFile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /api/v1/settings/start} and the {@code start} part of {@code GET /api/v1/settings}. */
@QuarkusTest
class StartSettingsApiTest {
    @Inject
    BitquarkConfig config;

    static io.restassured.response.ValidatableResponse put(String json) {
        return TestAuth.authed().contentType("application/json").body(json).when().put("/api/v1/settings/start")
                .then();
    }

    /** Other test classes start servers from the same data folder: none may inherit a port from here. */
    @AfterEach
    void removeTheFile() throws Exception {
        Files.deleteIfExists(StartSettingsFile.in(config.dataDir()));
    }

    @Test
    void aChangedPeerPortIsStoredForTheNextStartAndMarkedAsNeedingARestart() {
        TestAuth.authed().when().get("/api/v1/settings").then().statusCode(200)
                .body("start.peerPort.next", nullValue())
                .body("start.peerPort.restartNeeded", equalTo(false))
                .body("start.peerPort.environmentVariable", equalTo("BITQUARK_PEER_PORT"));
        put("{\"peerPort\":6881,\"dht\":false,\"downloadDir\":\"/srv/media\",\"sessionSaveIntervalMillis\":2000}")
                .statusCode(200)
                .body("start.peerPort.next", equalTo(6881))
                .body("start.peerPort.restartNeeded", equalTo(true))
                .body("start.dht.next", equalTo(false))
                .body("start.downloadDir.next", equalTo("/srv/media"))
                .body("start.sessionSaveIntervalMillis.next", equalTo(2000))
                .body("readOnly.peerPort", org.hamcrest.Matchers.not(equalTo(6881)));
        assertEquals(Map.of("bitquark.peer.port", "6881", "bitquark.dht.enabled", "false",
                        "bitquark.download-dir", "/srv/media", "bitquark.session.save-interval", "2000ms"),
                StartSettingsFile.read(StartSettingsFile.in(config.dataDir())));
        put("{\"peerPort\":null}").statusCode(200).body("start.peerPort.next", nullValue())
                .body("start.peerPort.restartNeeded", equalTo(false)).body("start.dht.next", equalTo(false));
    }

    @Test
    void theWatchFolderSecurityAndLoggingSettingsAreStartSettingsToo() {
        TestAuth.authed().when().get("/api/v1/settings").then().statusCode(200)
                .body("readOnly.watchDir", equalTo(""))
                .body("readOnly.watchAfterAdd", equalTo("rename"))
                .body("readOnly.logFileBackups", equalTo(5))
                .body("readOnly.loginSessionMinutes", equalTo(7 * 24 * 60))
                .body("start.watchDir.environmentVariable", equalTo("BITQUARK_WATCH_DIR"));
        put("{\"watchDir\":\"/srv/watch\",\"watchAfterAdd\":\"delete\",\"allowedHosts\":[\"*.home.arpa\"],"
                + "\"trustedProxies\":[\"10.0.0.0/8\"],\"loginSessionMinutes\":60,\"logFileSize\":2097152}")
                .statusCode(200)
                .body("start.watchDir.next", equalTo("/srv/watch")).body("start.watchDir.restartNeeded", equalTo(true))
                .body("start.allowedHosts.next", equalTo(java.util.List.of("*.home.arpa")))
                .body("start.loginSessionMinutes.next", equalTo(60));
        assertEquals("60m", StartSettingsFile.read(StartSettingsFile.in(config.dataDir())).get("bitquark.auth.session-ttl"));
        put("{\"watchDir\":null}").statusCode(200).body("start.watchDir.next", nullValue());
        put("{\"watchAfterAdd\":\"move\"}").statusCode(400).body("field", equalTo("watchAfterAdd"));
        put("{\"trustedProxies\":[\"proxy.lan\"]}").statusCode(400).body("field", equalTo("trustedProxies"));
        // What the next start's own parsers refuse is refused now, not found at the restart.
        put("{\"trustedProxies\":[\"10.0.0.0/33\"]}").statusCode(400).body("field", equalTo("trustedProxies"));
        put("{\"trustedProxies\":[\"300.1.1.1\"]}").statusCode(400).body("field", equalTo("trustedProxies"));
        put("{\"dhtPort\":0}").statusCode(400).body("field", equalTo("dhtPort"));
    }

    @Test
    void aValueEqualToTheOneInForceNeedsNoRestart() {
        put("{\"pex\":true}").statusCode(200).body("start.pex.next", equalTo(true))
                .body("start.pex.restartNeeded", equalTo(false));
    }

    @Test
    void aSettingTheEnvironmentSetsIsLockedAndRefusedByName() {
        // The test run sets BITQUARK_LSD_ENABLED=false (see the pom): it outranks the file.
        TestAuth.authed().when().get("/api/v1/settings").then()
                .body("start.lsd.lockedBy", equalTo("environment variable BITQUARK_LSD_ENABLED"));
        put("{\"lsd\":true}").statusCode(400).body("error", equalTo("locked_setting")).body("field", equalTo("lsd"))
                .body("message", containsString("BITQUARK_LSD_ENABLED"));
    }

    @Test
    void badUnknownAndOffLimitsKeysAreRefusedNamingTheFieldAndNothingIsWritten() {
        put("{\"peerPort\":6881,\"peerBind\":\"http://evil/\"}").statusCode(400)
                .body("error", equalTo("bad_setting")).body("field", equalTo("peerBind"));
        put("{\"peerPort\":0}").statusCode(400).body("field", equalTo("peerPort"))
                .body("message", equalTo("setting \"peerPort\" is 0, outside 1..65535"));
        put("{\"dataDir\":\"/tmp\"}").statusCode(400).body("error", equalTo("unknown_setting"))
                .body("field", equalTo("dataDir"));
        put("{\"dhtBootstrap\":[\"router.example:99999\"]}").statusCode(400).body("field", equalTo("dhtBootstrap"));
        put("[1]").statusCode(400).body("error", equalTo("bad_json"));
        put("").statusCode(400);
        assertEquals(false, Files.exists(StartSettingsFile.in(config.dataDir())), "nothing written");
    }
}
