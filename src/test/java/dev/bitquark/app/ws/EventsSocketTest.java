package dev.bitquark.app.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import dev.bitquark.app.session.SessionService;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.metainfo.InfoHash;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/events} on the real server: hello, snapshot, updates after REST actions, peers, errors. */
@QuarkusTest
class EventsSocketTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    Vertx vertx;

    @Inject
    SessionService sessions;

    static byte[] torrent(String name, int size, long seed) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return TorrentWriter.singleFile(name, data).pieceLength(16384).write();
    }

    static String add(byte[] torrent) {
        return TestAuth.authed().contentType("application/x-bittorrent").body(torrent)
                .when().post("/api/v1/torrents").then().statusCode(201).extract().path("id");
    }

    static void delete(String id) {
        TestAuth.authed().when().delete("/api/v1/torrents/" + id + "?deleteFiles=true").then().statusCode(204);
    }

    static JsonObject item(JsonArray torrents, String id) {
        for (int i = 0; i < torrents.size(); i++) {
            if (id.equals(torrents.getJsonObject(i).getString("id"))) {
                return torrents.getJsonObject(i);
            }
        }
        return null;
    }

    @Test
    void greetsWithHelloThenSendsASnapshotShapedLikeTheRestList() throws Exception {
        String id = add(torrent("ws-snapshot.bin", 50_000, 11));
        try (EventStream s = new EventStream(vertx, events)) {
            JsonObject hello = s.await(f -> true, WAIT);
            assertEquals("hello", hello.getString("type"), "hello comes first: the UI waits for it");
            assertEquals("bitquark", hello.getString("name"));
            assertFalse(hello.getString("version").isBlank());

            JsonObject snapshot = s.await(f -> true, WAIT);
            assertEquals("snapshot", snapshot.getString("type"));
            JsonObject session = snapshot.getJsonObject("session");
            assertTrue(session.containsKey("downloadRate") && session.containsKey("peersConnected"), session.encode());
            // The snapshot is the last shared sample: a torrent added just before may come with the next update.
            JsonObject item = item(snapshot.getJsonArray("torrents"), id);
            if (item == null) {
                item = item(s.await(f -> "update".equals(f.getString("type"))
                        && item(f.getJsonArray("added"), id) != null, WAIT).getJsonArray("added"), id);
            }
            Map<String, Object> rest = TestAuth.authed().when().get("/api/v1/torrents/" + id).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            assertEquals(rest.keySet(), item.fieldNames(), "same fields as GET /api/v1/torrents items");
            assertEquals("ws-snapshot.bin", item.getString("name"));
        } finally {
            delete(id);
        }
    }

    @Test
    void addPauseAndRemoveArriveAsUpdates() throws Exception {
        try (EventStream s = new EventStream(vertx, events)) {
            s.await("snapshot", WAIT);
            String id = add(torrent("ws-updates.bin", 60_000, 12));
            JsonObject added = s.await(f -> "update".equals(f.getString("type"))
                    && item(f.getJsonArray("added"), id) != null, WAIT);
            assertEquals("ws-updates.bin", item(added.getJsonArray("added"), id).getString("name"));

            TestAuth.authed().when().post("/api/v1/torrents/" + id + "/pause").then().statusCode(204);
            JsonObject paused = s.await(f -> "update".equals(f.getString("type"))
                    && item(f.getJsonArray("torrents"), id) != null
                    && "paused".equals(item(f.getJsonArray("torrents"), id).getString("state")), WAIT);
            JsonObject change = item(paused.getJsonArray("torrents"), id);
            assertFalse(change.containsKey("name"), "only changed fields: " + change.encode());
            assertTrue(paused.getJsonObject("session").getInteger("paused") >= 1, "the session counts it too");

            delete(id);
            JsonObject removed = s.await(f -> "update".equals(f.getString("type"))
                    && f.getJsonArray("removed").contains(id), WAIT);
            assertEquals(null, item(removed.getJsonArray("torrents"), id));
        }
    }

    @Test
    void subscribersGetTheConnectedPeersEveryTick(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(13).nextBytes(data);
        Files.write(work.resolve("ws-peers.bin"), data);
        byte[] file = TorrentWriter.singleFile("ws-peers.bin", data).pieceLength(65536).write();
        Metainfo meta = Metainfo.parse(file);
        String id = meta.infoHash().toHex();
        try (EngineUnderTest seeder = new EngineUnderTest(work)) {
            TorrentHandle seeding = EngineUnderTest.await(seeder.engine.add(meta, TorrentOptions.defaults(work)), WAIT);
            EngineUnderTest.awaitFinished(seeding, WAIT);
            add(file);
            try (EventStream s = new EventStream(vertx, events)) {
                TorrentHandle leeching = sessions.session().handle(InfoHash.fromHex(id));
                // Slow, so that the connection lasts (two seeds would close it).
                EngineUnderTest.await(leeching.setRateLimits(16_384, 0), WAIT);
                EngineUnderTest.await(leeching.addPeers(List.of(new InetSocketAddress("127.0.0.1",
                        seeder.engine.peerPort()))), WAIT);
                s.await("snapshot", WAIT);
                s.send("{\"type\":\"subscribe\",\"torrent\":\"" + id + "\",\"peers\":true}");
                JsonObject peers = s.await(f -> "peers".equals(f.getString("type"))
                        && !f.getJsonArray("peers").isEmpty(), WAIT);
                assertEquals(id, peers.getString("torrent"));
                JsonObject peer = peers.getJsonArray("peers").getJsonObject(0);
                assertEquals("127.0.0.1:" + seeder.engine.peerPort(), peer.getString("address"));
                assertTrue(peer.getBoolean("seed"), peer.encode());
                s.await(f -> "peers".equals(f.getString("type")), WAIT); // and again on the next tick

                s.send("{\"type\":\"unsubscribe\",\"torrent\":\"" + id + "\"}");
                Thread.sleep(1000);
                int seen = s.frames.size();
                Thread.sleep(1000);
                assertTrue(s.frames.subList(seen, s.frames.size()).stream()
                        .noneMatch(f -> "peers".equals(f.getString("type"))), "no peers frames after unsubscribe");
            } finally {
                delete(id);
            }
        }
    }

    @Test
    void badMessagesGetAnErrorFrameAndTheConnectionStaysUsable() throws Exception {
        try (EventStream s = new EventStream(vertx, events)) {
            s.await("snapshot", WAIT);
            s.send("{\"type\":\"shutdown\"}");
            JsonObject unknown = s.await("error", WAIT);
            assertEquals("unknown_type", unknown.getString("error"));
            assertTrue(unknown.getString("message").contains("shutdown"), unknown.encode());
            s.send("{{{");
            assertEquals("bad_json", s.await("error", WAIT).getString("error"));
            s.send("{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(5000) + "\"}");
            assertEquals("too_large", s.await("error", WAIT).getString("error"));
            s.send("{\"type\":\"subscribe\",\"torrent\":\"" + "0".repeat(40) + "\"}");
            assertEquals("unknown_torrent", s.await("error", WAIT).getString("error"));
            assertFalse(s.isClosed());
        }
    }

    @Test
    void refusesAClientWithoutCredentials() {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                                .setHost(events.getHost()).setPort(events.getPort()).setURI(events.getPath()))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, e.getCause()).getStatus());
    }
}
