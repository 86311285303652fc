package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.cli.RootCommand;
import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.OpenTracker;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.LibtorrentPeer;

/**
 * {@code bitquark download} as a user runs it: byte-exact from a real libtorrent seeder with
 * {@code --exit-on-finish}, and clear errors (exit 2, nothing written) for hostile inputs.
 */
@Interop
class DownloadCommandTest {
    @TempDir
    Path work;

    private record Run(int code, String err) {
    }

    private Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = RootCommand.commandLine().execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void downloadsAndExitsZeroOnceVerifiedAndFlushed() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.multiFile(seedDir, "cli", 20, 5, 300_000);
        Path torrent = work.resolve("cli.torrent");
        try (OpenTracker tracker = OpenTracker.start(work)) {
            tracker.allow(LibtorrentPeer.makeTorrent(work, payload, torrent, 16384, tracker.httpAnnounceUrl()));
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent)) {
                Path out = work.resolve("out");
                Run r = run("download", torrent.toString(), "--output", out.toString(), "--bind", "127.0.0.1",
                        "--exit-on-finish", "--no-dht");
                assertEquals(0, r.code(), r.err());
                assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(out.resolve("cli")));
                assertTrue(r.err().contains("100.0%"), r.err());
            }
        }
    }

    @Test
    void downloadsFromAMagnetLinkFetchingTheMetadataFromLibtorrent() throws Exception {
        Path seedDir = work.resolve("seed");
        Path payload = Payloads.multiFile(seedDir, "cli-magnet", 12, 6, 300_000);
        Path torrent = work.resolve("cli-magnet.torrent");
        String infoHash = LibtorrentPeer.makeTorrent(work, payload, torrent, 16384);
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent)) {
            Path out = work.resolve("out");
            Run r = run("download", "magnet:?xt=urn:btih:" + infoHash + "&dn=cli-magnet&x.pe=" + seeder.address(),
                    "--output", out.toString(), "--bind", "127.0.0.1", "--exit-on-finish", "--no-dht");
            assertEquals(0, r.code(), r.err());
            assertEquals(Payloads.sha1Tree(payload), Payloads.sha1Tree(out.resolve("cli-magnet")));
            assertFalse(r.err().contains("BEP 9"), r.err());
        }
    }

    @Test
    void badMagnetLinkIsAClearErrorWithExitCodeTwo() {
        Run r = run("download", "magnet:?xt=urn:btih:not-a-hash", "--output", work.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad magnet link"), r.err());
    }

    @Test
    void refusesTorrentWhosePathsClimbOutOfTheOutputFolder() throws Exception {
        // A hand-made torrent whose file path climbs out with "..": sanitizing keeps it inside.
        BDict info = BDict.builder()
                .put("name", BValue.of("evil"))
                .put("piece length", new BInt(16384))
                .put("pieces", BBytes.of(new byte[20]))
                .put("files", new BList(List.of(BDict.builder()
                        .put("length", new BInt(10))
                        .put("path", new BList(List.of(BValue.of(".."), BValue.of(".."), BValue.of("escaped.txt"))))
                        .build())))
                .build();
        Path torrent = work.resolve("evil.torrent");
        Files.write(torrent, BEncoder.encode(BDict.builder().put("info", info).build()));
        Path out = work.resolve("box").resolve("out");
        Files.createDirectories(out);
        Run r = run("download", torrent.toString(), "--output", out.toString(), "--bind", "127.0.0.1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("would leave the torrent's folder"), r.err());
        assertFalse(Files.exists(work.resolve("box").resolve("escaped.txt")));
        assertFalse(Files.exists(work.resolve("escaped.txt")));
        try (Stream<Path> s = Files.walk(work)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().equals("escaped.txt")).count());
        }
    }

    @Test
    void bencodeBombGetsAClearErrorAndExitCodeTwo() throws Exception {
        Path bomb = work.resolve("bomb.torrent");
        Files.writeString(bomb, "l".repeat(200_000));
        Path out = work.resolve("out");
        Run r = run("download", bomb.toString(), "--output", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad torrent") && r.err().contains("deep"), r.err());
    }

    @Test
    void missingFileIsAClearError() {
        Run r = run("download", work.resolve("nope.torrent").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
