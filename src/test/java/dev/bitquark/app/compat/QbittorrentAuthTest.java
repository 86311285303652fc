package dev.bitquark.app.compat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.bitquark.app.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * qBittorrent's login and protections on /api/v2: 403 without a session, "Ok." with the SID cookie or "Fails.",
 * its CSRF rule for every method (a foreign Origin or Referer, a same-site fetch), and Transmission's 401 with a
 * Basic challenge before its 409.
 */
@QuarkusTest
class QbittorrentAuthTest {
    private static String sid() {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("username", "admin").formParam("password", TestAuth.PASSWORD)
                .when().post("/api/v2/auth/login").then().statusCode(200).body(equalTo("Ok."))
                .extract().cookie("SID");
    }

    @Test
    void aSessionIsNeededAndTheLoginAnswersAsQbittorrent() {
        given().when().get("/api/v2/app/webapiVersion").then().statusCode(403).body(equalTo("Forbidden"));
        given().contentType("application/x-www-form-urlencoded").formParam("username", "admin")
                .formParam("password", "wrong").when().post("/api/v2/auth/login").then().statusCode(200)
                .body(equalTo("Fails."));
        String sid = sid();
        given().cookie("SID", sid).when().get("/api/v2/app/webapiVersion").then().statusCode(200)
                .body(equalTo("2.11.4"));
        given().header("Authorization", TestAuth.basic()).when().get("/api/v2/app/version").then().statusCode(200)
                .body(equalTo("v5.1.4"));
        given().cookie("SID", sid).when().get("/api/v2/torrents/properties?hash=" + "ab".repeat(20)).then()
                .statusCode(404);
        given().cookie("SID", sid).when().post("/api/v2/auth/logout").then().statusCode(200);
        given().cookie("SID", sid).when().get("/api/v2/app/version").then().statusCode(403);
    }

    @Test
    void crossSiteRequestsAreRefusedWhateverTheMethod() {
        String sid = sid();
        given().cookie("SID", sid).header("Origin", "http://evil.example").when()
                .get("/api/v2/torrents/delete?hashes=all&deleteFiles=true").then().statusCode(401);
        given().cookie("SID", sid).header("Referer", "http://evil.example/page").when()
                .get("/api/v2/torrents/info").then().statusCode(401);
        given().cookie("SID", sid).header("Sec-Fetch-Site", "same-site").when()
                .get("/api/v2/torrents/info").then().statusCode(401);
        given().cookie("SID", sid).header("Sec-Fetch-Site", "same-origin").when()
                .get("/api/v2/torrents/info").then().statusCode(200);
        given().cookie("SID", sid).when().get("/api/v2/torrents/info").then().statusCode(200)
                .contentType(containsString("application/json"));
    }

    @Test
    void transmissionChallengesThenAsksForItsSessionId() {
        given().when().get("/transmission/rpc").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"Transmission\""));
        given().header("Authorization", TestAuth.basic()).when().get("/transmission/rpc").then().statusCode(409)
                .header("X-Transmission-Session-Id", org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9]{48}"));
        given().header("Authorization", TestAuth.basic()).body("{}").when().post("/rpc/").then().statusCode(409);
    }
}
