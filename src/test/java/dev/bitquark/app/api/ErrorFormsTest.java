package dev.bitquark.app.api;

import static dev.bitquark.app.api.ApiFixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every error answer is the API's JSON form {@code {"error","message"}} in plain words: requests without Host
 * (regression: a non-JSON 400 and an ERROR log line per request, open to anyone), unknown paths under /api
 * (regression: an HTML 404), methods a path does not take, and JSON bodies that do not fit (regression: messages
 * with Jackson's Java class and feature names).
 */
@QuarkusTest
class ErrorFormsTest {
    @TestHTTPResource("/")
    URL base;

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void http11WithoutHostIsAJson400AndNoErrorInTheLog() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(h);
        try {
            for (int i = 0; i < 3; i++) {
                String answer = raw("GET /api/v1/version HTTP/1.1\r\nConnection: close\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                JsonObject body = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals("bad_request", body.getString("error"));
                assertTrue(body.getString("message").contains("Host"), body.encode());
                assertFalse(answer.contains("stack"), answer);
            }
        } finally {
            root.removeHandler(h);
        }
        assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                "nothing logged at ERROR for a client's malformed request");
    }

    @Test
    void unknownApiPathsAreJson404() {
        for (String path : List.of("/api/v1/nope", "/api/v3/torrents", "/api/v1/torrents/x/y/z", "/api")) {
            api().get(path).then().statusCode(404).contentType(containsString("application/json"))
                    .body("error", equalTo("not_found"));
        }
        api().post("/api/v1/nope").then().statusCode(404).contentType(containsString("application/json"));
        // /api/v2 is qBittorrent's API: an unknown action there is its plain-text 404.
        api().get("/api/v2/torrents/nope").then().statusCode(404).contentType(containsString("text/plain"));
    }

    @Test
    void aMethodAPathDoesNotTakeIsAJson405() {
        api().put("/api/v1/version").then().statusCode(405).contentType(containsString("application/json"))
                .body("error", equalTo("method_not_allowed")).body("message", containsString("does not accept PUT"));
    }

    private static void assertPlain(Response r, String... expected) {
        r.then().statusCode(400).body("error", equalTo("bad_json"));
        String m = r.jsonPath().getString("message");
        for (String internal : List.of("java.", "`", "Feature", "com.fasterxml", "ArrayList", "LinkedHashMap",
                "JsonToken", "dev.bitquark")) {
            assertFalse(m.contains(internal), "no Java internals in: " + m);
        }
        for (String e : expected) {
            assertTrue(m.contains(e), "'" + e + "' in: " + m);
        }
    }

    @Test
    void badJsonIsExplainedInPlainWords() {
        assertPlain(api().contentType("application/json").body("{\"source\": [1, 2]}").post("/api/v1/torrents"),
                "source", "expected a string", "got a list");
        assertPlain(api().contentType("application/json").body("{\"source\": \"magnet:?x\", \"paused\": \"soon\"}")
                .post("/api/v1/torrents"), "paused", "true or false");
        assertPlain(api().contentType("application/json").body("{\"source\": \"x\", \"files\": \"zzz\"}")
                .post("/api/v1/torrents"), "files", "expected a list");
        assertPlain(api().contentType("application/json").body("{\"source\": \"x\", \"maxConnections\": 1.5e99}")
                .post("/api/v1/torrents"), "maxConnections");
        assertPlain(api().contentType("application/json").body("{\"source\": zzz}").post("/api/v1/torrents"),
                "not valid JSON", "zzz", "line 1");
        assertPlain(api().contentType("application/json").body("{\"source\": \"a").post("/api/v1/torrents"),
                "ends too early");
        assertPlain(api().contentType("application/json").body("{\"source\": \"a\nb\"}").post("/api/v1/torrents"),
                "control character");
        assertPlain(api().contentType("application/json").body("{\"outputFolder\": {}}")
                .post("/api/v1/torrents/actions"), "unknown field \"outputFolder\"", "known fields: action");
        assertPlain(api().contentType("application/json").body("[1,2]").post("/api/v1/torrents/actions"),
                "expected an object");
    }

    /** Every JSON body is a typed record: an empty one is refused with the record's example; a huge one unread. */
    @Test
    void anEmptyOrOversizedJsonBodyIsRefusedSayingWhatToSend() {
        assertPlain(api().contentType("application/json").body("").put("/api/v1/session/limits"),
                "empty body", "\"downloadLimit\": 1048576");
        assertPlain(api().contentType("application/json").body("").post("/api/v1/torrents/actions"),
                "empty body", "\"action\":\"pause\"");
        String huge = "{\"urls\": [\"" + "u".repeat(JsonRequestReader.MAX_BYTES) + "\"]}";
        assertPlain(api().contentType("application/json").body(huge)
                .post("/api/v1/torrents/" + "ab".repeat(20) + "/trackers"), "more than " + JsonRequestReader.MAX_BYTES);
    }

    /** Regression: {@code files} as a query parameter was ignored, and {@code files=zzz} accepted. */
    @Test
    void filesAsAQueryParameterAreCheckedAndUsed() {
        byte[] torrent = ApiFixtures.freshTorrent("query-files");
        api().contentType("application/x-bittorrent").body(torrent).queryParam("files", "zzz")
                .post("/api/v1/torrents").then().statusCode(400).body("error", equalTo("bad_files"))
                .body("message", containsString("index:priority"));
        api().contentType("application/x-bittorrent").body(torrent).queryParam("files", "3:skip")
                .post("/api/v1/torrents").then().statusCode(400).body("error", equalTo("bad_files"))
                .body("message", containsString("not a file of this torrent"));
        api().contentType("application/x-bittorrent").body(torrent).queryParam("files", "0:loud")
                .post("/api/v1/torrents").then().statusCode(400).body("message", containsString("'loud'"));
        String id = api().contentType("application/x-bittorrent").body(torrent).queryParam("files", "0:skip")
                .queryParam("paused", "true").post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        api().get("/api/v1/torrents/" + id + "/files").then().statusCode(200).body("[0].priority", equalTo("SKIP"));
        api().delete("/api/v1/torrents/" + id).then().statusCode(204);
        String json = api().contentType("application/x-bittorrent").body(torrent)
                .queryParam("files", "[{\"index\":0,\"priority\":\"high\"}]").queryParam("paused", "true")
                .post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        api().get("/api/v1/torrents/" + json + "/files").then().statusCode(200).body("[0].priority", equalTo("HIGH"));
        api().delete("/api/v1/torrents/" + json).then().statusCode(204);
    }

    /** Regression: {@code deleteFiles=yes|maybe} removed the torrent and kept its files. */
    @Test
    void deleteFilesMustBeABoolean() {
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("delete-flag"))
                .queryParam("paused", "true").post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        for (String bad : List.of("yes", "maybe", "2", "truee")) {
            api().delete("/api/v1/torrents/" + id + "?deleteFiles=" + bad).then().statusCode(400)
                    .body("error", equalTo("bad_option")).body("message", containsString("deleteFiles"));
        }
        api().get("/api/v1/torrents/" + id).then().statusCode(200); // still there
        api().delete("/api/v1/torrents/" + id + "?deleteFiles=0").then().statusCode(204);
    }

    /** Regression: {@code ?state=bogus} answered [] and {@code ?state=seeding} missed seeding torrents. */
    @Test
    void theStateFilterKnowsEveryStateAndRefusesOthers() throws Exception {
        api().get("/api/v1/torrents?state=bogus").then().statusCode(400).body("error", equalTo("bad_state"))
                .body("message", containsString("metadata, checking, live, downloading, seeding, paused, error"));
        for (String state : TorrentsResource.STATES) {
            api().get("/api/v1/torrents?state=" + state).then().statusCode(200);
        }
        String id = api().contentType("application/x-bittorrent").body(ApiFixtures.freshTorrent("state-filter"))
                .queryParam("paused", "true").post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        try {
            api().get("/api/v1/torrents?state=paused,error").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));
            api().get("/api/v1/torrents?state=seeding").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
            // The list and the stats count the same seeding torrents (a complete one, added here, among them).
            String seeder = CompleteTorrents.completeTorrent("state-seeding");
            int counted = api().get("/api/v1/session/stats").then().extract().path("seeding");
            List<String> listed = api().get("/api/v1/torrents?state=seeding").then().statusCode(200)
                    .extract().path("id");
            assertTrue(listed.contains(seeder), listed.toString());
            assertEquals(counted, listed.size());
            api().delete("/api/v1/torrents/" + seeder + "?deleteFiles=true").then().statusCode(204);
        } finally {
            api().delete("/api/v1/torrents/" + id).then().statusCode(204);
        }
    }
}
