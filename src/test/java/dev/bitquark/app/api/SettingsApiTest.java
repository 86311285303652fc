package dev.bitquark.app.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.EngineService;
import dev.bitquark.app.TestAuth;
import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.app.persistence.SettingsCodec;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.EngineConfig;
import dev.bitquark.engine.ResumeData;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET/PUT /api/v1/settings} and {@code GET /api/v1/dht/stats}. */
@QuarkusTest
class SettingsApiTest {
    @Inject
    BitquarkConfig config;

    @Inject
    SessionService sessions;

    @Inject
    EngineService engines;

    static io.restassured.response.ValidatableResponse put(String json) {
        return TestAuth.authed().contentType("application/json").body(json).when().put("/api/v1/settings").then();
    }

    @AfterEach
    void defaults() {
        put("{\"downloadLimit\":0,\"uploadLimit\":0,\"maxConnections\":null,\"maxConcurrentChecks\":null,"
                + "\"defaultOutputFolder\":null,\"eventsIntervalMillis\":null,\"altDownloadLimit\":0,"
                + "\"altUploadLimit\":0,\"altSpeed\":null,\"logToFile\":null,\"setupDone\":null}").statusCode(200);
    }

    @Test
    void theAlternativeLimitsAreInForceWhileTurtleModeIsOn() {
        put("{\"downloadLimit\":500000,\"uploadLimit\":400000,\"altDownloadLimit\":100000,"
                + "\"altUploadLimit\":50000}").statusCode(200).body("editable.altSpeed", equalTo(false));
        TestAuth.authed().when().get("/api/v1/session/stats").then()
                .body("downloadLimit", equalTo(500000)).body("uploadLimit", equalTo(400000));
        put("{\"altSpeed\":true}").statusCode(200).body("editable.altSpeed", equalTo(true))
                .body("editable.downloadLimit", equalTo(500000)).body("editable.altDownloadLimit", equalTo(100000));
        TestAuth.authed().when().get("/api/v1/session/stats").then()
                .body("downloadLimit", equalTo(100000)).body("uploadLimit", equalTo(50000));
        // Changing the normal limits while the alternative ones are in force keeps the alternative ones.
        TestAuth.authed().contentType("application/json").body("{\"downloadLimit\":600000}")
                .when().put("/api/v1/session/limits").then().statusCode(200);
        TestAuth.authed().when().get("/api/v1/session/stats").then().body("downloadLimit", equalTo(100000));
        put("{\"altSpeed\":false}").statusCode(200);
        TestAuth.authed().when().get("/api/v1/session/stats").then()
                .body("downloadLimit", equalTo(600000)).body("uploadLimit", equalTo(400000));
        SessionSettings onDisk = new AtomicFile(config.dataDir().resolve("settings.bq")).read(SettingsCodec::decode)
                .value();
        assertEquals(new SessionSettings(600000, 400000, 0, 0, "", 0, 100000, 50000, false, false, false), onDisk);
    }

    @Test
    void defaultsAreListedBesideTheValuesAndTheFirstRunFlagIsKept() {
        TestAuth.authed().when().get("/api/v1/settings").then().statusCode(200)
                .body("defaults.maxConnections", equalTo(EngineConfig.DEFAULT_MAX_CONNECTIONS))
                .body("defaults.eventsIntervalMillis", equalTo(250))
                .body("defaults.altSpeed", equalTo(false))
                .body("editable.setupDone", equalTo(false))
                .body("readOnly.logFile", equalTo(config.dataDir().toAbsolutePath().normalize()
                        .resolve("bitquark.log").toString()));
        put("{\"setupDone\":true}").statusCode(200).body("editable.setupDone", equalTo(true));
        TestAuth.authed().when().get("/api/v1/settings").then().body("editable.setupDone", equalTo(true));
        put("{\"setupDone\":\"yes\"}").statusCode(400).body("field", equalTo("setupDone"));
    }

    @Test
    void theLogFileIsWrittenWhileSwitchedOnAndLeftAloneOnceOff() throws Exception {
        java.nio.file.Path file = config.dataDir().toAbsolutePath().normalize().resolve("bitquark.log");
        java.nio.file.Files.deleteIfExists(file);
        put("{\"logToFile\":true}").statusCode(200).body("editable.logToFile", equalTo(true));
        org.jboss.logging.Logger.getLogger("dev.bitquark.test").info("line for the log file");
        String text = java.nio.file.Files.readString(file);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("line for the log file"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("writing the log to"), text);
        put("{\"logToFile\":false}").statusCode(200).body("editable.logToFile", equalTo(false));
        org.jboss.logging.Logger.getLogger("dev.bitquark.test").info("line after the switch");
        String after = java.nio.file.Files.readString(file);
        org.junit.jupiter.api.Assertions.assertFalse(after.contains("line after the switch"), after);
    }

    @Test
    void listsEditableSettingsInForceAndReadOnlyOnesSeparately() {
        Map<String, Object> editable = TestAuth.authed().when().get("/api/v1/settings").then().statusCode(200)
                .body("editable.maxConnections", equalTo(EngineConfig.DEFAULT_MAX_CONNECTIONS))
                .body("editable.maxConcurrentChecks", equalTo(EngineConfig.DEFAULT_MAX_CONCURRENT_CHECKS))
                .body("editable.eventsIntervalMillis", equalTo(250))
                .body("editable.defaultOutputFolder", equalTo(""))
                .body("readOnly.peerPort", equalTo(engines.engine().peerPort()))
                .body("readOnly.downloadDir", equalTo(sessions.downloadRoot().toString()))
                .body("readOnly.persistence", equalTo("files"))
                .body("readOnly.dht", equalTo(true))
                .body("readOnly.dhtPort", org.hamcrest.Matchers.greaterThan(0))
                .body("readOnly.dhtBootstrap", org.hamcrest.Matchers.empty())
                .body("readOnly.pex", equalTo(true))
                .body("readOnly.lsd", equalTo(false))
                .extract().jsonPath().getMap("editable");
        assertEquals(SettingsResource.EDITABLE, editable.keySet());
    }

    @Test
    void changesAreAppliedAtRunTimeAndStored() {
        put("{\"maxConnections\":42,\"maxConcurrentChecks\":3,\"eventsIntervalMillis\":400,\"uploadLimit\":9000}")
                .statusCode(200)
                .body("editable.maxConnections", equalTo(42))
                .body("editable.maxConcurrentChecks", equalTo(3))
                .body("editable.eventsIntervalMillis", equalTo(400))
                .body("editable.uploadLimit", equalTo(9000));
        TestAuth.authed().when().get("/api/v1/session/stats").then()
                .body("maxConnections", equalTo(42)).body("maxConcurrentChecks", equalTo(3))
                .body("uploadLimit", equalTo(9000));
        assertEquals(400, sessions.eventsIntervalMillis(), "the live updates take the new interval");
        SessionSettings onDisk = new AtomicFile(config.dataDir().resolve("settings.bq")).read(SettingsCodec::decode)
                .value();
        assertEquals(new SessionSettings(0, 9000, 42, 3, "", 400), onDisk);

        put("{\"maxConnections\":null}").statusCode(200)
                .body("editable.maxConnections", equalTo(EngineConfig.DEFAULT_MAX_CONNECTIONS));
    }

    @Test
    void aReadOnlyKeyIsRefusedByName() {
        put("{\"peerPort\":6881}").statusCode(400).body("field", equalTo("peerPort"))
                .body("error", equalTo("read_only_setting")).body("message", containsString("\"peerPort\""));
        put("{\"downloadDir\":\"/tmp\"}").statusCode(400).body("error", equalTo("read_only_setting"));
    }

    @Test
    void anUnknownKeyIsRefusedByNameAndNothingChanges() {
        put("{\"maxConnections\":50,\"turbo\":true}").statusCode(400)
                .body("error", equalTo("unknown_setting")).body("message", containsString("\"turbo\""));
        TestAuth.authed().when().get("/api/v1/settings").then()
                .body("editable.maxConnections", equalTo(EngineConfig.DEFAULT_MAX_CONNECTIONS));
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        put("{\"downloadLimit\":-5}").statusCode(400).body("error", equalTo("bad_setting"))
                .body("message", containsString("downloadLimit")).body("field", equalTo("downloadLimit"));
        put("{\"altUploadLimit\":-1}").statusCode(400).body("field", equalTo("altUploadLimit"));
        put("{\"maxConnections\":0}").statusCode(400).body("message", containsString("maxConnections"));
        put("{\"maxConcurrentChecks\":1000}").statusCode(400).body("message", containsString("maxConcurrentChecks"));
        put("{\"eventsIntervalMillis\":5}").statusCode(400).body("message", containsString("eventsIntervalMillis"));
        put("{\"maxConnections\":\"many\"}").statusCode(400);
        put("{\"defaultOutputFolder\":\"../../etc\"}").statusCode(400)
                .body("message", containsString("inside the download folder")).body("field", equalTo("defaultOutputFolder"));
        put("{\"defaultOutputFolder\":7}").statusCode(400);
        put("not json").statusCode(400).body("error", equalTo("bad_json"));
        put("[]").statusCode(400).body("error", equalTo("bad_json"));
    }

    @Test
    void newTorrentsGoToTheDefaultOutputFolder() throws Exception {
        put("{\"defaultOutputFolder\":\"incoming/./tv\"}").statusCode(200)
                .body("editable.defaultOutputFolder", equalTo("incoming/tv"));
        put("{\"defaultOutputFolder\":\"" + sessions.downloadRoot().resolve("abs") + "\"}").statusCode(200)
                .body("editable.defaultOutputFolder", equalTo("abs"));
        put("{\"defaultOutputFolder\":\"incoming/tv\"}").statusCode(200);
        byte[] data = new byte[30_000];
        new Random(21).nextBytes(data);
        String id = TestAuth.authed().contentType("application/x-bittorrent")
                .body(TorrentWriter.singleFile("default-folder.bin", data).pieceLength(16384).write())
                .when().post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        try {
            ResumeData resume = sessions.session().handle(InfoHash.fromHex(id)).resumeData()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(sessions.downloadRoot().resolve("incoming/tv"), resume.saveDir());
        } finally {
            TestAuth.authed().when().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
        }
    }

    @Test
    void dhtStatsDescribeTheRunningNode() {
        // The test profile runs a DHT node without routers (bitquark.dht.bootstrap=none) and no LSD.
        TestAuth.authed().when().get("/api/v1/dht/stats").then().statusCode(200)
                .body("enabled", equalTo(true))
                .body("state", org.hamcrest.Matchers.oneOf("no-nodes", "bootstrapping"))
                .body("port", org.hamcrest.Matchers.greaterThan(0))
                .body("nodes", equalTo(0))
                .body("storedPeers", equalTo(0))
                .body("pex", equalTo(true))
                .body("lsd", equalTo(false))
                .body("message", org.hamcrest.Matchers.nullValue());
    }
}
