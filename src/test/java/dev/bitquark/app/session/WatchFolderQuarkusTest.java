package dev.bitquark.app.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.TestAuth;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.Metainfo;
import dev.bitquark.metainfo.TorrentWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server with {@code bitquark.watch.dir} set, its timer polling: files dropped into the folder
 * show up in the API (or as {@code .invalid} with the reason), a duplicate is consumed, and a file
 * still being written is left alone until it stops changing. The folder does not exist at start-up
 * (created by the first test), so a folder that appears later is picked up too.
 */
@QuarkusTest
@TestProfile(WatchFolderQuarkusTest.Watching.class)
class WatchFolderQuarkusTest {
    /** One fresh folder per run, shared through a system property: the profile and the test live in different class loaders. */
    static final Path DIR = Path.of((String) System.getProperties().computeIfAbsent("watch-folder-dir.test",
            k -> "target/test-state/watch-" + System.nanoTime())).toAbsolutePath();
    static final Path IN = DIR.resolve("in");
    static final Duration INTERVAL = Duration.ofMillis(400);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    public static class Watching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bitquark.watch.dir", IN.toString(),
                    "bitquark.watch.interval", INTERVAL.toString(),
                    "bitquark.data-dir", DIR.resolve("data").toString(),
                    "bitquark.download-dir", DIR.resolve("downloads").toString());
        }
    }

    @Inject
    SessionService sessions;

    @BeforeEach
    void folderExists() throws IOException {
        Files.createDirectories(IN);
    }

    private static byte[] torrent(String name) throws IOException {
        byte[] data = new byte[40_000];
        new Random(name.hashCode()).nextBytes(data);
        return TorrentWriter.singleFile(name + ".bin", data).pieceLength(16384).write();
    }

    private static Path sibling(Path f, String suffix) {
        return f.resolveSibling(f.getFileName() + suffix);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private List<String> listedIds() {
        return TestAuth.authed().when().get("/api/v1/torrents").then().statusCode(200).extract().path("id");
    }

    @Test
    void droppedTorrentIsListedAndRenamedAdded() throws Exception {
        byte[] t = torrent("dropped");
        String id = Metainfo.parse(t).infoHash().toHex();
        Path f = Files.write(IN.resolve("dropped.torrent"), t);
        await("renamed to .added", () -> Files.exists(sibling(f, ".added")));
        assertFalse(Files.exists(f));
        assertTrue(listedIds().contains(id));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'bitquark' }.data.watchFolder", endsWith("in"));
    }

    @Test
    void malformedTorrentBecomesInvalidWithTheParseError() throws Exception {
        byte[] bad = "d8:announce3:abc4:infoi42ee".getBytes(StandardCharsets.US_ASCII);
        String parseError;
        try {
            Metainfo.parse(bad);
            throw new AssertionError("the fixture must be malformed");
        } catch (BadTorrentException e) {
            parseError = e.getMessage();
        }
        Path f = Files.write(IN.resolve("malformed.torrent"), bad);
        await("renamed to .invalid", () -> Files.exists(sibling(f, ".invalid")));
        assertFalse(Files.exists(f));
        String reason = Files.readString(sibling(f, ".error.txt"));
        assertTrue(reason.contains(parseError), reason);
    }

    @Test
    void torrentAlreadyAddedThroughTheApiIsConsumed() throws Exception {
        byte[] t = torrent("twice");
        String id = TestAuth.authed().contentType("application/x-bittorrent").body(t)
                .when().post("/api/v1/torrents").then().statusCode(201).extract().path("id");
        Path f = Files.write(IN.resolve("twice.torrent"), t);
        await("renamed to .added", () -> Files.exists(sibling(f, ".added")));
        assertFalse(Files.exists(sibling(f, ".error.txt")));
        assertFalse(Files.exists(sibling(f, ".invalid")));
        assertEquals(1, listedIds().stream().filter(id::equals).count());
    }

    /**
     * A file that grows between every two polls is never taken; once it stops, it is. The test writes
     * right after a poll ends, well inside the interval before the next one begins; a write that came
     * too late (this machine stalled) makes the round inconclusive and it starts over with a new file.
     */
    @Test
    void fileStillBeingWrittenIsTakenOnlyOnceStable() throws Exception {
        await("the watch folder runs", () -> sessions.watchFolder() != null);
        WatchFolder w = sessions.watchFolder();
        for (int attempt = 1; ; attempt++) {
            byte[] t = torrent("slow-" + attempt);
            Path f = IN.resolve("slow-" + attempt + ".torrent");
            int steps = 4;
            if (writeInStepsBetweenPolls(w, f, t, steps)) {
                await("renamed to .added", () -> Files.exists(sibling(f, ".added")));
                assertFalse(Files.exists(sibling(f, ".invalid")));
                assertTrue(listedIds().contains(Metainfo.parse(t).infoHash().toHex()));
                return;
            }
            assertTrue(attempt < 5, "the test could not keep up with the polls five times");
        }
    }

    /** Writes {@code t} in steps, one after each poll; false if a step may have missed its window. */
    private static boolean writeInStepsBetweenPolls(WatchFolder w, Path f, byte[] t, int steps) throws Exception {
        for (int s = 0; s < steps; s++) {
            long polls = w.status().polls();
            long lastBefore = System.nanoTime();
            while (w.status().polls() == polls) {
                lastBefore = System.nanoTime();
                Thread.sleep(5);
            }
            // The poll ended after lastBefore; the next one starts at least INTERVAL after its end.
            byte[] part = Arrays.copyOfRange(t, s * t.length / steps, (s + 1) * t.length / steps);
            Files.write(f, part, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            boolean inTime = System.nanoTime() - lastBefore < INTERVAL.toNanos() / 2;
            boolean untouched = !Files.exists(sibling(f, ".added")) && !Files.exists(sibling(f, ".invalid"));
            if (!inTime) {
                return false;
            }
            assertTrue(untouched, "a file still being written was taken after step " + s);
        }
        return true;
    }
}
