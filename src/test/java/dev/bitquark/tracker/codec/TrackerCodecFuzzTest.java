package dev.bitquark.tracker.codec;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bitquark.metainfo.InfoHash;
import java.time.Duration;

/**
 * Fuzz targets for the tracker response parsers: only {@link TrackerException} may escape, and
 * whatever is accepted respects the peer cap and the interval bounds. A normal test run replays
 * the seeds under {@code TrackerCodecFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TrackerCodecFuzzTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    @FuzzTest(maxDuration = "30s")
    void httpAnnounceParseAcceptsOnlyBoundedResponses(byte[] data) {
        try {
            check(HttpAnnounceCodec.parse(data));
        } catch (TrackerException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().length() <= 1024, "messages stay short");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void httpScrapeParseThrowsOnlyTrackerException(byte[] data) {
        try {
            ScrapeResponse r = HttpScrapeCodec.parse(data, HASH);
            assertTrue(r.complete() >= -1 && r.incomplete() >= -1 && r.downloaded() >= -1);
        } catch (TrackerException e) {
            assertNotNull(e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void udpParsersThrowOnlyTrackerException(byte[] data) {
        Integer tx = UdpTrackerCodec.transactionId(data);
        int id = tx == null ? 0 : tx;
        try {
            check(UdpTrackerCodec.parseAnnounceResponse(data, id, data.length % 2 == 0));
        } catch (TrackerException e) {
            assertNotNull(e.getMessage());
        }
        try {
            UdpTrackerCodec.parseConnectResponse(data, id);
        } catch (TrackerException e) {
            assertNotNull(e.getMessage());
        }
        try {
            assertEquals(3, UdpTrackerCodec.parseScrapeResponse(data, id, 3).size());
        } catch (TrackerException e) {
            assertNotNull(e.getMessage());
        }
    }

    private static void check(AnnounceResponse r) {
        assertTrue(r.peers().size() <= PeerAddresses.MAX_PEERS);
        assertTrue(r.interval().compareTo(Duration.ofSeconds(AnnounceIntervals.FLOOR_SECONDS)) >= 0);
        assertTrue(r.interval().compareTo(Duration.ofSeconds(AnnounceIntervals.CEILING_SECONDS)) <= 0);
        assertTrue(r.interval().compareTo(r.minInterval()) >= 0);
    }
}
