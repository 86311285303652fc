package dev.bitquark.lsd;

import dev.bitquark.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The BEP 14 announce, a multicast HTTP-like request:
 * <pre>
 * BT-SEARCH * HTTP/1.1\r\n
 * Host: 239.192.152.143:6771\r\n
 * Port: &lt;peer port&gt;\r\n
 * Infohash: &lt;40 hex digits&gt;\r\n      (one or more; BEP 14 allows several per message)
 * cookie: &lt;opaque&gt;\r\n               (libtorrent's extension: the sender recognises its own packets)
 * \r\n
 * \r\n
 * </pre>
 * Pure codec, no I/O. Decoding is bounded before anything is allocated from the input (size, lines,
 * info-hashes) and refuses with an {@link LsdException} carrying the reason; it is as lenient as
 * libtorrent where that costs nothing: header names and the method in any case, LF or CRLF line ends,
 * spaces around values, unknown headers (Host included) ignored.
 */
public final class LsdMessage {
    /** Largest packet decoded: an Ethernet frame's UDP payload less some slack (BEP 14 sets no limit). */
    public static final int MAX_PACKET = 1400;
    /** Most lines read up to the blank line: a full message of ours has 14. */
    public static final int MAX_LINES = 32;
    /** Most distinct info-hashes in one message, sent or accepted. */
    public static final int MAX_INFO_HASHES = 10;
    /** Longest cookie we send: libtorrent's is up to 8 hex digits. */
    public static final int MAX_COOKIE = 64;
    /** The Host value of BEP 14's group and port. */
    public static final String BEP14_HOST = LsdSettings.BEP14_GROUP + ":" + LsdSettings.BEP14_PORT;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * A decoded announce.
     *
     * @param port the peer port the sender listens on (its address is the packet's source)
     * @param infoHashes distinct 20-byte info-hashes, in message order
     * @param cookie the sender's cookie, or {@code null} if it sent none
     */
    public record Announce(int port, List<byte[]> infoHashes, String cookie) {
        public Announce {
            infoHashes = infoHashes.stream().map(byte[]::clone).toList();
        }

        /** The info-hashes as {@link InfoHash} values. */
        public List<InfoHash> hashes() {
            return infoHashes.stream().map(InfoHash::of).toList();
        }
    }

    private LsdMessage() {
    }

    /** Encodes an announce with BEP 14's Host value. */
    public static byte[] encode(int port, List<byte[]> infoHashes, String cookie) {
        return encode(BEP14_HOST, port, infoHashes, cookie);
    }

    /**
     * Encodes an announce of {@code infoHashes} (1 to {@link #MAX_INFO_HASHES}) for peers at our address and
     * {@code port}; {@code cookie} (printable ASCII without spaces, up to {@link #MAX_COOKIE}) may be null.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static byte[] encode(String host, int port, List<byte[]> infoHashes, String cookie) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(infoHashes, "infoHashes");
        if (!host.matches("[\\x21-\\x7e]{1,255}")) {
            throw new IllegalArgumentException("LSD host must be 1-255 printable ASCII characters: " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("LSD port out of range: " + port);
        }
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_INFO_HASHES) {
            throw new IllegalArgumentException("LSD announce carries 1 to " + MAX_INFO_HASHES + " info-hashes, not "
                    + infoHashes.size());
        }
        if (cookie != null && !cookie.matches("[\\x21-\\x7e]{1," + MAX_COOKIE + "}")) {
            throw new IllegalArgumentException("LSD cookie must be 1-" + MAX_COOKIE
                    + " printable ASCII characters without spaces");
        }
        StringBuilder sb = new StringBuilder(128 + 52 * infoHashes.size());
        sb.append("BT-SEARCH * HTTP/1.1\r\n");
        sb.append("Host: ").append(host).append("\r\n");
        sb.append("Port: ").append(port).append("\r\n");
        for (byte[] ih : infoHashes) {
            if (ih == null || ih.length != InfoHash.LENGTH) {
                throw new IllegalArgumentException("info-hash must be 20 bytes");
            }
            // Lower case as libtorrent writes it; readers accept either.
            sb.append("Infohash: ").append(HEX.formatHex(ih)).append("\r\n");
        }
        if (cookie != null) {
            // libtorrent's spelling; header names are case-insensitive anyway.
            sb.append("cookie: ").append(cookie).append("\r\n");
        }
        // BEP 14 ends the message with a blank line and one more CRLF.
        sb.append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decodes the first {@code length} bytes of {@code data}.
     *
     * @throws LsdException with the reason the packet is refused
     * @throws IllegalArgumentException if {@code length} is not within {@code data}
     */
    public static Announce decode(byte[] data, int length) throws LsdException {
        Objects.requireNonNull(data, "data");
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length " + length + " outside a " + data.length + "-byte array");
        }
        if (length > MAX_PACKET) {
            throw new LsdException(LsdDropReason.TOO_LARGE, length + " bytes, over " + MAX_PACKET);
        }
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xff;
            if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\r' && b != '\n') {
                throw new LsdException(LsdDropReason.NOT_TEXT, "byte 0x" + Integer.toHexString(b) + " at " + i);
            }
        }
        int port = -1;
        String cookie = null;
        Set<InfoHash> hashes = new LinkedHashSet<>();
        int lines = 0;
        int pos = 0;
        boolean ended = false;
        while (pos < length) {
            int nl = indexOf(data, (byte) '\n', pos, length);
            if (nl < 0) {
                if (lines == 0) {
                    // Still say whether it was meant as an announce before calling it incomplete.
                    requestLine(new String(data, pos, length - pos, StandardCharsets.US_ASCII));
                }
                break;  // a last line without its end: the blank line cannot follow
            }
            int end = nl > pos && data[nl - 1] == '\r' ? nl - 1 : nl;
            String line = new String(data, pos, end - pos, StandardCharsets.US_ASCII);
            pos = nl + 1;
            if (++lines > MAX_LINES) {
                throw new LsdException(LsdDropReason.TOO_MANY_LINES, "over " + MAX_LINES + " lines");
            }
            if (lines == 1) {
                requestLine(line);
                continue;
            }
            if (line.isEmpty()) {
                ended = true;
                break;  // what follows the blank line (BEP 14's extra CRLF) is no header
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new LsdException(LsdDropReason.BAD_HEADER, "header line " + lines + " has no name");
            }
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "port" -> {
                    if (port != -1) {
                        throw new LsdException(LsdDropReason.BAD_PORT, "Port given twice");
                    }
                    port = port(value);
                }
                case "infohash" -> {
                    hashes.add(infoHash(value));
                    if (hashes.size() > MAX_INFO_HASHES) {
                        throw new LsdException(LsdDropReason.TOO_MANY_INFOHASHES, "over " + MAX_INFO_HASHES
                                + " info-hashes");
                    }
                }
                case "cookie" -> {
                    if (cookie == null) {
                        cookie = value;
                    }
                }
                default -> {
                    // Host and anything else: BEP 14 gives Host no meaning for the receiver.
                }
            }
        }
        if (lines == 0 && length == 0) {
            throw new LsdException(LsdDropReason.NOT_BT_SEARCH, "empty packet");
        }
        if (!ended) {
            throw new LsdException(LsdDropReason.INCOMPLETE, "no blank line after the headers");
        }
        if (port == -1) {
            throw new LsdException(LsdDropReason.BAD_PORT, "no Port header");
        }
        if (hashes.isEmpty()) {
            throw new LsdException(LsdDropReason.NO_INFOHASH, "no Infohash header");
        }
        List<byte[]> raw = new ArrayList<>(hashes.size());
        for (InfoHash h : hashes) {
            raw.add(h.toBytes());
        }
        return new Announce(port, raw, cookie);
    }

    private static void requestLine(String line) throws LsdException {
        String[] parts = line.strip().split("[ \t]+", 3);
        if (!parts[0].equalsIgnoreCase("BT-SEARCH")) {
            throw new LsdException(LsdDropReason.NOT_BT_SEARCH, "method is not BT-SEARCH");
        }
    }

    private static int port(String value) throws LsdException {
        // Five digits at most before parsing, so no value can overflow.
        if (!value.matches("[0-9]{1,5}")) {
            throw new LsdException(LsdDropReason.BAD_PORT, "Port is not a number");
        }
        int p = Integer.parseInt(value);
        if (p < 1 || p > 65535) {
            throw new LsdException(LsdDropReason.BAD_PORT, "Port out of range: " + p);
        }
        return p;
    }

    private static InfoHash infoHash(String value) throws LsdException {
        if (value.length() != 2 * InfoHash.LENGTH) {
            throw new LsdException(LsdDropReason.BAD_INFOHASH, "Infohash of " + value.length() + " characters");
        }
        InfoHash h;
        try {
            h = InfoHash.fromHex(value);
        } catch (IllegalArgumentException e) {
            throw new LsdException(LsdDropReason.BAD_INFOHASH, "Infohash is not hex");
        }
        // libtorrent ignores the all-zero hash too: no torrent has it, a broken sender does.
        if (h.equals(ZERO)) {
            throw new LsdException(LsdDropReason.BAD_INFOHASH, "Infohash is all zeros");
        }
        return h;
    }

    private static final InfoHash ZERO = InfoHash.of(new byte[InfoHash.LENGTH]);

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
