package dev.bitquark.tracker.codec;

import dev.bitquark.metainfo.InfoHash;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets of the UDP tracker protocol (BEP 15), big-endian throughout. Requests are built as byte
 * arrays; responses are checked for length, action and transaction id before any field is read.
 * Stateless and thread-safe.
 */
public final class UdpTrackerCodec {
    /** BEP 15: the magic constant that opens every connect request. */
    public static final long PROTOCOL_ID = 0x41727101980L;
    public static final int ACTION_CONNECT = 0;
    public static final int ACTION_ANNOUNCE = 1;
    public static final int ACTION_SCRAPE = 2;
    public static final int ACTION_ERROR = 3;
    public static final int CONNECT_REQUEST_LENGTH = 16;
    public static final int CONNECT_RESPONSE_LENGTH = 16;
    public static final int ANNOUNCE_REQUEST_LENGTH = 98;
    public static final int ANNOUNCE_RESPONSE_HEADER = 20;
    public static final int SCRAPE_ENTRY_LENGTH = 12;
    /** BEP 15: a scrape request holds at most about 74 info-hashes so the response fits one packet. */
    public static final int MAX_SCRAPE_HASHES = 74;
    /** Largest UDP payload over IPv4; a packet claiming more is not from a real socket. */
    public static final int MAX_PACKET = 65507;

    private UdpTrackerCodec() {
    }

    /** BEP 15 connect request: protocol id, action 0, transaction id. */
    public static byte[] connectRequest(int transactionId) {
        return ByteBuffer.allocate(CONNECT_REQUEST_LENGTH)
                .putLong(PROTOCOL_ID).putInt(ACTION_CONNECT).putInt(transactionId).array();
    }

    /** Returns the connection id of a connect response. */
    public static long parseConnectResponse(byte[] packet, int transactionId) throws TrackerException {
        ByteBuffer b = open(packet, ACTION_CONNECT, transactionId, CONNECT_RESPONSE_LENGTH, "connect");
        return b.getLong(8);
    }

    /**
     * BEP 15 announce request (98 bytes). The IP field carries {@link AnnounceRequest#ip()} only if it
     * is an IPv4 literal (the field has 4 bytes); otherwise 0, meaning "use the packet's source".
     */
    public static byte[] announceRequest(long connectionId, int transactionId, AnnounceRequest req) {
        ByteBuffer b = ByteBuffer.allocate(ANNOUNCE_REQUEST_LENGTH);
        b.putLong(connectionId).putInt(ACTION_ANNOUNCE).putInt(transactionId);
        b.put(req.infoHash().toBytes()).put(req.peerId().toBytes());
        b.putLong(req.downloaded()).putLong(req.left()).putLong(req.uploaded());
        b.putInt(req.event().udpId());
        b.put(ipv4Field(req.ip()));
        b.putInt(req.key()).putInt(req.numWant()).putShort((short) req.port());
        return b.array();
    }

    /**
     * Parses an announce response: 20 header bytes, then 6-byte IPv4 peers, or 18-byte IPv6 peers
     * when the tracker was reached over IPv6 (BEP 15: the address family of the peers follows the
     * family of the tracker's address). Peers beyond {@link PeerAddresses#MAX_PEERS} are dropped.
     */
    public static AnnounceResponse parseAnnounceResponse(byte[] packet, int transactionId, boolean ipv6)
            throws TrackerException {
        ByteBuffer b = open(packet, ACTION_ANNOUNCE, transactionId, ANNOUNCE_RESPONSE_HEADER, "announce");
        int interval = b.getInt(8);
        int leechers = b.getInt(12);
        int seeders = b.getInt(16);
        int entry = ipv6 ? PeerAddresses.COMPACT_V6 : PeerAddresses.COMPACT_V4;
        int peerBytes = packet.length - ANNOUNCE_RESPONSE_HEADER;
        if (peerBytes % entry != 0) {
            throw TrackerException.malformed("UDP announce response: " + peerBytes + " peer bytes after the header are"
                    + " not a multiple of " + entry + " (" + (ipv6 ? "IPv6" : "IPv4") + " peers)");
        }
        List<InetSocketAddress> peers = new ArrayList<>(Math.min(peerBytes / entry, PeerAddresses.MAX_PEERS));
        PeerAddresses.decodeCompact(packet, ANNOUNCE_RESPONSE_HEADER, peerBytes, entry, peers);
        return new AnnounceResponse(AnnounceIntervals.effective((long) interval, null), Duration.ZERO, peers,
                count(seeders), count(leechers), null, null);
    }

    /** BEP 15 scrape request for up to {@link #MAX_SCRAPE_HASHES} torrents. */
    public static byte[] scrapeRequest(long connectionId, int transactionId, List<InfoHash> infoHashes) {
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_SCRAPE_HASHES) {
            throw new IllegalArgumentException("scrape needs 1.." + MAX_SCRAPE_HASHES + " info-hashes, got "
                    + infoHashes.size());
        }
        ByteBuffer b = ByteBuffer.allocate(16 + InfoHash.LENGTH * infoHashes.size());
        b.putLong(connectionId).putInt(ACTION_SCRAPE).putInt(transactionId);
        for (InfoHash h : infoHashes) {
            b.put(h.toBytes());
        }
        return b.array();
    }

    /**
     * Parses a scrape response for a request of {@code count} info-hashes: 8 header bytes and 12
     * bytes (seeders, completed, leechers) per torrent, in request order.
     */
    public static List<ScrapeResponse> parseScrapeResponse(byte[] packet, int transactionId, int count)
            throws TrackerException {
        if (count < 1 || count > MAX_SCRAPE_HASHES) {
            throw new IllegalArgumentException("scrape count out of range: " + count);
        }
        int need = 8 + SCRAPE_ENTRY_LENGTH * count;
        ByteBuffer b = open(packet, ACTION_SCRAPE, transactionId, need, "scrape");
        List<ScrapeResponse> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int p = 8 + SCRAPE_ENTRY_LENGTH * i;
            out.add(new ScrapeResponse(count(b.getInt(p)), count(b.getInt(p + 8)), count(b.getInt(p + 4))));
        }
        return out;
    }

    /** BEP 15 error packet: action 3, transaction id, message text. Used by tests and tools. */
    public static byte[] errorResponse(int transactionId, String message) {
        byte[] text = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putInt(ACTION_ERROR).putInt(transactionId).put(text).array();
    }

    /**
     * The transaction id of a packet, or {@code null} if it is too short to have one. Lets the
     * transport match a response to its pending request before parsing it.
     */
    public static Integer transactionId(byte[] packet) {
        return packet.length < 8 ? null : ByteBuffer.wrap(packet).getInt(4);
    }

    /**
     * Checks the common header: length, transaction id, and action; an error packet (action 3) for
     * our transaction becomes a {@link TrackerException.Kind#REFUSED} with the tracker's message.
     */
    private static ByteBuffer open(byte[] packet, int action, int transactionId, int minLength, String what)
            throws TrackerException {
        if (packet.length > MAX_PACKET) {
            throw TrackerException.malformed("UDP " + what + " response of " + packet.length
                    + " bytes exceeds the UDP maximum " + MAX_PACKET);
        }
        if (packet.length < 8) {
            throw TrackerException.malformed("UDP " + what + " response truncated: " + packet.length
                    + " bytes, the header alone needs 8");
        }
        ByteBuffer b = ByteBuffer.wrap(packet);
        int gotAction = b.getInt(0);
        int gotTx = b.getInt(4);
        if (gotTx != transactionId) {
            throw TrackerException.malformed(String.format("UDP %s response has transaction id 0x%08x, expected 0x%08x",
                    what, gotTx, transactionId));
        }
        if (gotAction == ACTION_ERROR) {
            throw new TrackerException(TrackerException.Kind.REFUSED,
                    TrackerText.sanitize(packet, 8, packet.length - 8));
        }
        if (gotAction != action) {
            throw TrackerException.malformed("UDP " + what + " response has action " + gotAction + ", expected "
                    + action);
        }
        if (packet.length < minLength) {
            throw TrackerException.malformed("UDP " + what + " response truncated: " + packet.length
                    + " bytes, expected at least " + minLength);
        }
        return b;
    }

    private static byte[] ipv4Field(String ip) {
        InetAddress a = PeerAddresses.parseLiteral(ip);
        return a instanceof Inet4Address ? a.getAddress() : new byte[4];
    }

    /** Counts are unsigned in spirit; a negative one is a tracker bug and reads as "unknown". */
    private static int count(int v) {
        return v < 0 ? -1 : v;
    }
}
