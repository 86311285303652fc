package dev.bitquark.app.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitquark.app.TestAuth;
import dev.bitquark.app.config.BitquarkConfig;
import dev.bitquark.app.persistence.AtomicFile;
import dev.bitquark.app.persistence.SessionSettings;
import dev.bitquark.app.persistence.SettingsCodec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/session/stats} and {@code /api/v1/session/limits} on the real engine and file store. */
@QuarkusTest
class SessionApiTest {
    @Inject
    BitquarkConfig config;

    @AfterEach
    void unlimited() {
        TestAuth.authed().contentType("application/json").body("{\"downloadLimit\":0,\"uploadLimit\":0}")
                .when().put("/api/v1/session/limits").then().statusCode(200);
    }

    SessionSettings stored() {
        return new AtomicFile(config.dataDir().resolve("settings.bq")).read(SettingsCodec::decode).value();
    }

    @Test
    void statsHaveTotalsRatesCountsByStateAndPeers() {
        TestAuth.authed().when().get("/api/v1/session/stats").then().statusCode(200)
                .body("torrents", greaterThanOrEqualTo(0))
                .body("live", greaterThanOrEqualTo(0))
                .body("paused", greaterThanOrEqualTo(0))
                .body("checking", greaterThanOrEqualTo(0))
                .body("error", greaterThanOrEqualTo(0))
                .body("seeding", greaterThanOrEqualTo(0))
                .body("downloadRate", greaterThanOrEqualTo(0))
                .body("uploadedTotal", greaterThanOrEqualTo(0))
                .body("peersConnected", greaterThanOrEqualTo(0))
                .body("hashFailures", greaterThanOrEqualTo(0))
                .body("maxConnections", greaterThanOrEqualTo(1));
    }

    /** UI spec 1.4: the add dialog shows the selected size against the free space at the chosen folder. */
    @Test
    void spaceTellsTheFreeBytesAtASaveFolderInsideTheDownloadFolderOnly() {
        String root = config.downloadDir().toAbsolutePath().normalize().toString();
        TestAuth.authed().queryParam("folder", "not/yet/there").when().get("/api/v1/session/space").then()
                .statusCode(200)
                .body("folder", equalTo(root + "/not/yet/there"))
                .body("exists", equalTo(false))
                .body("writable", equalTo(true))
                .body("freeBytes", org.hamcrest.Matchers.greaterThan(0L));
        TestAuth.authed().when().get("/api/v1/session/space").then().statusCode(200);
        TestAuth.authed().queryParam("folder", "../../etc").when().get("/api/v1/session/space").then()
                .statusCode(400)
                .body("error", equalTo("bad_folder"))
                .body("message", containsString("must be inside the download folder"));
    }

    @Test
    void limitsAreAppliedAtRunTimeAndStored() {
        TestAuth.authed().contentType("application/json").body("{\"downloadLimit\":123456,\"uploadLimit\":654321}")
                .when().put("/api/v1/session/limits").then().statusCode(200)
                .body("downloadLimit", equalTo(123456)).body("uploadLimit", equalTo(654321));
        TestAuth.authed().when().get("/api/v1/session/limits").then().statusCode(200)
                .body("downloadLimit", equalTo(123456)).body("uploadLimit", equalTo(654321));
        TestAuth.authed().when().get("/api/v1/session/stats").then()
                .body("downloadLimit", equalTo(123456)).body("uploadLimit", equalTo(654321));
        SessionSettings onDisk = stored();
        assertEquals(123456, onDisk.downloadLimit(), "saved in the data folder: " + onDisk);
        assertEquals(654321, onDisk.uploadLimit());

        TestAuth.authed().contentType("application/json").body("{\"uploadLimit\":0}")
                .when().put("/api/v1/session/limits").then().statusCode(200)
                .body("downloadLimit", equalTo(123456)).body("uploadLimit", equalTo(0));
    }

    @Test
    void refusesNegativeOrNonIntegerLimitsAndUnknownKeys() {
        TestAuth.authed().contentType("application/json").body("{\"downloadLimit\":-1}")
                .when().put("/api/v1/session/limits").then().statusCode(400)
                .body("error", equalTo("bad_setting")).body("message", containsString("downloadLimit"));
        TestAuth.authed().contentType("application/json").body("{\"uploadLimit\":1.5}")
                .when().put("/api/v1/session/limits").then().statusCode(400)
                .body("message", containsString("uploadLimit"));
        TestAuth.authed().contentType("application/json").body("{\"uploadLimit\":\"fast\"}")
                .when().put("/api/v1/session/limits").then().statusCode(400);
        TestAuth.authed().contentType("application/json").body("{\"limit\":5}")
                .when().put("/api/v1/session/limits").then().statusCode(400)
                .body("error", equalTo("unknown_setting")).body("message", containsString("\"limit\""));
        TestAuth.authed().contentType("application/json").body("{}")
                .when().put("/api/v1/session/limits").then().statusCode(400);
        TestAuth.authed().contentType("application/json").body("[1,")
                .when().put("/api/v1/session/limits").then().statusCode(400).body("error", equalTo("bad_json"));
        TestAuth.authed().when().get("/api/v1/session/limits").then()
                .body("downloadLimit", equalTo(0)).body("uploadLimit", equalTo(0));
    }

    @Test
    void requiresAuthentication() {
        io.restassured.RestAssured.given().when().get("/api/v1/session/stats").then().statusCode(401);
    }
}
