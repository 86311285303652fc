package dev.bitquark.tracker.codec;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.metainfo.InfoHash;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpScrapeCodecTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void derivesScrapeUrlByBep48Convention() throws TrackerException {
        assertEquals(Optional.of("http://t.example/scrape"), HttpScrapeCodec.scrapeUrl("http://t.example/announce"));
        assertEquals(Optional.of("http://t.example/x/scrape.php?passkey=abc"),
                HttpScrapeCodec.scrapeUrl("http://t.example/x/announce.php?passkey=abc"));
        assertEquals(Optional.of("https://t.example:8443/p/scrape?x=/announce"),
                HttpScrapeCodec.scrapeUrl("https://t.example:8443/p/announce?x=/announce"));
    }

    @Test
    void hasNoScrapeUrlWhenLastSegmentIsNotAnnounce() throws TrackerException {
        for (String url : new String[] {"http://t.example/a", "http://t.example/announce/x", "http://t.example",
                "http://t.example/", "http://announce.example/x?announce"}) {
            assertEquals(Optional.empty(), HttpScrapeCodec.scrapeUrl(url), url);
        }
    }

    @Test
    void buildsScrapeUrlWithInfoHash() {
        assertEquals("http://t.example/scrape?k=1&info_hash=%01%23Eg%89%AB%CD%EF%01%23Eg%89%AB%CD%EF%01%23Eg",
                HttpScrapeCodec.url("http://t.example/scrape?k=1", HASH));
    }

    @Test
    void parsesCountsOfTheRequestedTorrent() throws TrackerException {
        byte[] body = BEncoder.encode(BDict.builder().put("files", BDict.builder()
                .put(BDict.keyOf(HASH.toBytes()), BDict.builder().put("complete", 3).put("downloaded", 11)
                        .put("incomplete", 2).build())
                .build()).build());
        assertEquals(new ScrapeResponse(3, 2, 11), HttpScrapeCodec.parse(body, HASH));
    }

    @Test
    void rejectsScrapeWithoutEntryForTheTorrent() {
        byte[] body = BEncoder.encode(BDict.builder().put("files", BDict.EMPTY).build());
        TrackerException e = assertThrows(TrackerException.class, () -> HttpScrapeCodec.parse(body, HASH));
        assertTrue(e.getMessage().contains("no entry for info-hash " + HASH.toHex()), e.getMessage());
        byte[] noFiles = BEncoder.encode(BDict.builder().put("x", 1).build());
        assertTrue(assertThrows(TrackerException.class, () -> HttpScrapeCodec.parse(noFiles, HASH)).getMessage()
                .contains("\"files\" is missing"));
    }

    @Test
    void scrapeFailureReasonIsRefusal() {
        byte[] body = BEncoder.encode(BDict.builder().put("failure reason", "scrape disabled").build());
        TrackerException e = assertThrows(TrackerException.class, () -> HttpScrapeCodec.parse(body, HASH));
        assertEquals(TrackerException.Kind.REFUSED, e.kind());
        assertEquals("scrape disabled", e.getMessage());
    }
}
