package dev.bitquark.tracker.codec;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BInt;
import dev.bitquark.bencode.BList;
import dev.bitquark.bencode.BValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Parses an announce response body (already inflated). A {@code failure reason} becomes a
     * {@link TrackerException.Kind#REFUSED} carrying the sanitized reason.
     */
    public static AnnounceResponse parse(byte[] body) throws TrackerException {
        BDict d = TrackerResponses.open(body, "announce");
        Long interval = TrackerResponses.integer(d, "interval", "announce");
        Long minInterval = TrackerResponses.integer(d, "min interval", "announce");
        List<InetSocketAddress> peers = new ArrayList<>();
        readPeers(d.get("peers"), peers);
        readPeers6(d.get("peers6"), peers);
        String trackerId = null;
        if (d.get("tracker id") instanceof BBytes id && id.length() > 0 && id.length() <= MAX_TRACKER_ID_BYTES) {
            trackerId = id.asLatin1();
        }
        String warning = null;
        if (d.get("warning message") instanceof BBytes w) {
            warning = TrackerText.sanitize(w.asBytes());
        }
        return new AnnounceResponse(AnnounceIntervals.effective(interval, minInterval),
                AnnounceIntervals.minimum(minInterval), peers, TrackerResponses.count(d, "complete"),
                TrackerResponses.count(d, "incomplete"), trackerId, warning);
    }

    /** BEP 23 compact string or the BEP 3 list of dictionaries. */
    private static void readPeers(BValue value, List<InetSocketAddress> out) throws TrackerException {
        if (value == null) {
            return;
        }
        if (value instanceof BBytes compact) {
            if (compact.length() % PeerAddresses.COMPACT_V4 != 0) {
                throw TrackerException.malformed("announce response: compact \"peers\" has " + compact.length()
                        + " bytes, not a multiple of " + PeerAddresses.COMPACT_V4);
            }
            byte[] raw = compact.asBytes();
            PeerAddresses.decodeCompact(raw, 0, raw.length, PeerAddresses.COMPACT_V4, out);
            return;
        }
        if (value instanceof BList list) {
            for (int i = 0; i < list.size() && out.size() < PeerAddresses.MAX_PEERS; i++) {
                InetSocketAddress peer = dictionaryPeer(list.get(i));
                if (peer != null) {
                    out.add(peer);
                }
            }
            return;
        }
        throw TrackerException.malformed("announce response: \"peers\" is a " + value.typeName()
                + ", expected a byte string or a list");
    }

    /**
     * One {@code {ip, port}} entry of a non-compact list, or null if unusable: another type, a host
     * name instead of an IP literal (we do not resolve names a tracker gives us), a port outside
     * 1..65535. A few bad entries do not spoil the others.
     */
    private static InetSocketAddress dictionaryPeer(BValue entry) {
        if (!(entry instanceof BDict peer) || !(peer.get("ip") instanceof BBytes ip)
                || !(peer.get("port") instanceof BInt port)) {
            return null;
        }
        if (port.value() < 1 || port.value() > 65535 || ip.length() > 45) {
            return null;
        }
        InetAddress address = PeerAddresses.parseLiteral(ip.asLatin1());
        return address == null ? null : new InetSocketAddress(address, (int) port.value());
    }

    /** BEP 7: {@code peers6} is a compact string of 18-byte entries. */
    private static void readPeers6(BValue value, List<InetSocketAddress> out) throws TrackerException {
        if (value == null) {
            return;
        }
        if (!(value instanceof BBytes compact)) {
            throw TrackerException.malformed("announce response: \"peers6\" is a " + value.typeName()
                    + ", expected a byte string");
        }
        if (compact.length() % PeerAddresses.COMPACT_V6 != 0) {
            throw TrackerException.malformed("announce response: \"peers6\" has " + compact.length()
                    + " bytes, not a multiple of " + PeerAddresses.COMPACT_V6);
        }
        byte[] raw = compact.asBytes();
        PeerAddresses.decodeCompact(raw, 0, raw.length, PeerAddresses.COMPACT_V6, out);
    }
}
