package dev.bitquark.tracker.codec;

import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BValue;
import dev.bitquark.metainfo.InfoHash;
import java.util.Optional;

/**
 * The HTTP scrape convention (BEP 48): the scrape URL is derived from the announce URL, and the
 * answer is a bencoded {@code files} dictionary keyed by raw info-hash. Stateless and thread-safe.
 */
public final class HttpScrapeCodec {
    private HttpScrapeCodec() {
    }

    /**
     * BEP 48: if the text right after the last {@code /} of the path starts with {@code announce},
     * replacing that word with {@code scrape} gives the scrape URL (so {@code /announce.php} becomes
     * {@code /scrape.php}, and a passkey query survives). Otherwise the tracker has no scrape.
     */
    public static Optional<String> scrapeUrl(String announceUrl) throws TrackerException {
        String base = TrackerUrls.requireHttp(announceUrl);
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        int slash = path.lastIndexOf('/');
        // The slashes of "http://" do not count: the path must have one of its own.
        int hostStart = base.indexOf("//") + 2;
        if (slash < hostStart || !path.startsWith("announce", slash + 1)) {
            return Optional.empty();
        }
        return Optional.of(base.substring(0, slash + 1) + "scrape" + base.substring(slash + 1 + "announce".length()));
    }

    /** The scrape URL for one torrent. */
    public static String url(String scrapeUrl, InfoHash infoHash) {
        return TrackerUrls.appendQuery(scrapeUrl, "info_hash=" + TrackerUrls.percentEncode(infoHash.toBytes()));
    }

    /**
     * Parses a scrape body: {@code files} maps the raw 20-byte info-hash to a dictionary of
     * {@code complete}, {@code incomplete} and {@code downloaded}. Missing counts read as -1.
     */
    public static ScrapeResponse parse(byte[] body, InfoHash infoHash) throws TrackerException {
        BDict d = TrackerResponses.open(body, "scrape");
        BValue files = d.get("files");
        if (!(files instanceof BDict filesDict)) {
            throw TrackerException.malformed("scrape response: \"files\" is "
                    + (files == null ? "missing" : "a " + files.typeName() + ", expected a dictionary"));
        }
        BValue entry = filesDict.get(BDict.keyOf(infoHash.toBytes()));
        if (!(entry instanceof BDict counts)) {
            throw TrackerException.malformed("scrape response: "
                    + (entry == null ? "no entry" : "a " + entry.typeName() + " instead of a dictionary")
                    + " for info-hash " + infoHash.toHex());
        }
        return new ScrapeResponse(TrackerResponses.count(counts, "complete"),
                TrackerResponses.count(counts, "incomplete"), TrackerResponses.count(counts, "downloaded"));
    }
}
