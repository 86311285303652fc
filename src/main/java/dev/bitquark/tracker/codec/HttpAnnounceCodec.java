package dev.bitquark.tracker.codec;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP announce of BEP 3: builds the GET URL and parses the bencoded answer, with the compact
 * peer lists of BEP 23 (IPv4) and BEP 7 ({@code peers6}). Stateless and thread-safe.
 */
public final class HttpAnnounceCodec {
    /** Largest response body we read, before and after gzip: a peer list of 3000 peers is ~18 KB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Longest tracker id we keep and echo back; real ones are a few bytes. */
    public static final int MAX_TRACKER_ID_BYTES = 256;

    private HttpAnnounceCodec() {
    }

    /**
     * The announce URL for {@code req}. Parameters already present in {@code announceUrl} (for
     * example a private tracker's {@code ?passkey=...}) are kept; ours are appended after them.
     */
    public static String url(String announceUrl, AnnounceRequest req) throws TrackerException {
        String base = TrackerUrls.requireHttp(announceUrl);
        StringBuilder q = new StringBuilder(256);
        q.append("info_hash=").append(TrackerUrls.percentEncode(req.infoHash().toBytes()));
        q.append("&peer_id=").append(TrackerUrls.percentEncode(req.peerId().toBytes()));
        q.append("&port=").append(req.port());
        q.append("&uploaded=").append(req.uploaded());
        q.append("&downloaded=").append(req.downloaded());
        q.append("&left=").append(req.left());
        q.append("&compact=").append(req.compact() ? '1' : '0');
        if (req.event().httpName() != null) {
            q.append("&event=").append(req.event().httpName());
        }
        if (req.numWant() >= 0) {
            q.append("&numwant=").append(req.numWant());
        }
        // BEP 7 / common practice: the key as 8 hex digits.
        q.append("&key=").append(String.format("%08X", req.key()));
        if (req.trackerId() != null) {
            q.append("&trackerid=").append(TrackerUrls.percentEncode(req.trackerId().getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (req.ip() != null) {
            q.append("&ip=").append(TrackerUrls.percentEncode(req.ip()));
        }
        return TrackerUrls.appendQuery(base, q.toString());
    }
}
