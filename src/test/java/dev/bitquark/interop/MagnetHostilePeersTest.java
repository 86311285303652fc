package dev.bitquark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.engine.MetadataProgress;
import dev.bitquark.engine.TorrentHandle;
import dev.bitquark.engine.TorrentOptions;
import dev.bitquark.engine.TorrentState;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bitquark.testkit.Interop;
import dev.bitquark.testkit.EngineUnderTest;
import dev.bitquark.testkit.Payloads;
import dev.bitquark.testkit.LibtorrentPeer;

/**
 * Peers that misbehave during the BEP 9 metadata fetch of a magnet link: each speaks to the engine
 * alone first, until the engine has refused what it sent (the problem shows in
 * {@link MetadataProgress#problems()} and the torrent still has no metadata); then a real libtorrent
 * seeder is added and the fetch finishes from it, byte-exact.
 */
@Interop
class MagnetHostilePeersTest {
    @TempDir
    static Path work;
    static Path seedDir;
    static Path torrent;
    static Metainfo meta;
    static Map<String, String> expected;
    /** Address of the hostile peer of the running test. */
    String lastHostile;

    @BeforeAll
    static void setUp() throws Exception {
        seedDir = work.resolve("seed");
        Path payload = Payloads.multiFile(seedDir, "hostile", 60, 9, 1_000_000);
        expected = Payloads.sha1Tree(payload);
        torrent = work.resolve("hostile.torrent");
        LibtorrentPeer.makeTorrent(work, payload, torrent, 16384);
        meta = Metainfo.parse(Files.readAllBytes(torrent));
        assertTrue(meta.rawInfoLength() > 16384, "several metadata pieces: " + meta.rawInfoLength());
    }

    /** Runs the hostile peer alone until {@code refused} is seen, then finishes from libtorrent; returns the handle's banned peers. */
    private List<String> refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour behaviour,
                                                         Predicate<String> refused, String label) throws Exception {
        Path out = work.resolve("dl-" + label);
        try (HostileMetadataPeer hostile = new HostileMetadataPeer(meta.infoHash(), meta.rawInfoLength(), behaviour);
             EngineUnderTest bq = new EngineUnderTest(out)) {
            lastHostile = hostile.address();
            Magnet magnet = Magnet.parse("magnet:?xt=urn:btih:" + meta.infoHash().toHex() + "&x.pe=" + hostile.address());
            TorrentHandle h = EngineUnderTest.await(bq.engine.addMagnet(magnet, TorrentOptions.defaults(out)),
                    Duration.ofSeconds(10));
            MetadataProgress p = awaitProblem(h, refused, Duration.ofSeconds(30));
            assertFalse(p.complete(), p.toString());
            assertFalse(h.hasMetadata());
            assertEquals(TorrentState.METADATA, EngineUnderTest.await(h.stats(), Duration.ofSeconds(5)).state());
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(work, seedDir, List.of(), torrent)) {
                EngineUnderTest.await(h.addPeers(List.of(new InetSocketAddress("127.0.0.1", seeder.port()))),
                        Duration.ofSeconds(5));
                EngineUnderTest.await(h.whenMetadata(), Duration.ofSeconds(60));
                EngineUnderTest.awaitFinished(h, Duration.ofSeconds(90));
            }
            assertEquals(expected, Payloads.sha1Tree(out.resolve("hostile")), "payload must be byte-exact");
            return EngineUnderTest.await(h.bannedPeers(), Duration.ofSeconds(5));
        }
    }

    private static MetadataProgress awaitProblem(TorrentHandle h, Predicate<String> match, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        MetadataProgress p;
        do {
            p = EngineUnderTest.await(h.metadataProgress(), Duration.ofSeconds(5));
            if (p.problems().stream().anyMatch(match)) {
                return p;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected problem not reported in " + timeout + ": " + p);
    }

    @Test
    void refusesMetadataSizeAboveEightMebibytesAndFetchesFromAnotherPeer() throws Exception {
        refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour.HUGE_SIZE,
                s -> s.contains("metadata_size 10485760 bytes is above our limit of 8388608"), "huge");
    }

    @Test
    void refusesAbsurdMetadataSizeInTheExtendedHandshake() throws Exception {
        refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour.ABSURD_SIZE,
                s -> s.contains("protocol error") && s.contains("metadata_size 104857600"), "absurd");
    }

    @Test
    void dropsMetadataWhoseHashDoesNotMatchBansItsSenderAndFetchesElsewhere() throws Exception {
        List<String> banned = refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour.WRONG_DATA,
                s -> s.contains("not the info-hash (BEP 9); dropped"), "wrong");
        // Ban keys of loopback peers are IP:port; the hostile peer is the only one banned.
        assertEquals(List.of(lastHostile), banned, "the sole sender of the bad metadata is banned");
    }

    @Test
    void rejectedRequestsGoToAnotherPeer() throws Exception {
        refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour.REJECT,
                s -> s.contains("rejected metadata piece"), "reject");
    }

    @Test
    void closesPeerSendingAPieceIndexPastTheEnd() throws Exception {
        refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour.OUT_OF_RANGE,
                s -> s.contains("protocol error: ut_metadata: piece"), "range");
    }

    @Test
    void requestsUnansweredWithinTheTimeoutGoToAnotherPeer() throws Exception {
        refusedThenFetchedFromLibtorrent(HostileMetadataPeer.Behaviour.SILENT,
                s -> s.contains("did not answer for metadata piece"), "silent");
    }
}
