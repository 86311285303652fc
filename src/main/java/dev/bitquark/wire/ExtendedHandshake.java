package dev.bitquark.wire;

import dev.bitquark.bencode.BBytes;
import dev.bitquark.bencode.BDict;
import dev.bitquark.bencode.BEncoder;
import dev.bitquark.bencode.BInt;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BEP 10 extended handshake: extended message id 0, a bencoded dictionary. Fields a peer did
 * not send take the "not sent" values below. Immutable and thread-safe.
 *
 * <p>Decoding tolerates what real peers do: unknown keys, known keys of the wrong type (ignored,
 * as libtorrent does), unsorted keys. Hostile values are clamped rather than trusted: {@code reqq}
 * to {@value #MIN_REQUEST_QUEUE}..{@value #MAX_REQUEST_QUEUE}, {@code v} to
 * {@value #MAX_CLIENT_LENGTH} printable characters, {@code m} to {@value #MAX_EXTENSIONS}
 * entries. Only a {@code metadata_size} above {@value MetadataMessage#MAX_METADATA_SIZE} bytes is
 * an error: it would make us allocate that much to fetch the metadata (BEP 9).
 *
 * @param extensions   {@code m}: extension name to the extended message id the sender wants to
 *                     receive it as; 0 means disabled (BEP 10: a later handshake may disable one)
 * @param client       {@code v}: client name and version, or null
 * @param requestQueue {@code reqq}: how many outstanding requests the sender keeps, or 0
 * @param yourIp       {@code yourip}: our address as the sender sees it, or null
 * @param listenPort   {@code p}: the sender's listen port, or 0
 * @param metadataSize {@code metadata_size}: size of the info dictionary (BEP 9), or 0
 * @param uploadOnly   {@code upload_only}: the sender only uploads (a seed or partial seed)
 * @param completeAgo  {@code complete_ago}: seconds since the sender last had the whole torrent,
 *                     or {@link #NOT_SENT}
 */
public record ExtendedHandshake(Map<String, Integer> extensions, String client, int requestQueue, InetAddress yourIp,
        int listenPort, int metadataSize, boolean uploadOnly, long completeAgo) {
    /** Extended message id of the handshake itself. */
    public static final int ID = 0;
    public static final int MIN_REQUEST_QUEUE = 1;
    public static final int MAX_REQUEST_QUEUE = 2000;
    public static final int MAX_CLIENT_LENGTH = 64;
    public static final int MAX_EXTENSIONS = 128;
    public static final long NOT_SENT = -1;

    public ExtendedHandshake {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        for (Map.Entry<String, Integer> e : extensions.entrySet()) {
            if (e.getKey().isEmpty() || e.getValue() == null || e.getValue() < 0 || e.getValue() > 255) {
                throw new IllegalArgumentException("bad extension entry " + e);
            }
        }
        if (requestQueue != 0 && (requestQueue < MIN_REQUEST_QUEUE || requestQueue > MAX_REQUEST_QUEUE)) {
            throw new IllegalArgumentException("reqq " + requestQueue + " outside 1.." + MAX_REQUEST_QUEUE);
        }
        if (listenPort < 0 || listenPort > 0xFFFF) {
            throw new IllegalArgumentException("listen port " + listenPort + " outside 0..65535");
        }
        if (metadataSize < 0 || metadataSize > MetadataMessage.MAX_METADATA_SIZE) {
            throw new IllegalArgumentException("metadata size " + metadataSize + " outside 0.."
                    + MetadataMessage.MAX_METADATA_SIZE);
        }
        if (completeAgo < NOT_SENT) {
            throw new IllegalArgumentException("complete_ago " + completeAgo + " is negative");
        }
    }

    /** The id the sender wants {@code extension} sent as, or 0 if it did not offer it or disabled it. */
    public int idOf(String extension) {
        Integer id = extensions.get(extension);
        return id == null ? 0 : id;
    }

    /** The bencoded dictionary: the payload after the extended id byte ({@link MessageWriter#extended}). */
    public byte[] encode() {
        BDict.Builder m = BDict.builder();
        extensions.forEach((name, id) -> m.put(BDict.keyFromUtf8(name), id.longValue()));
        BDict.Builder d = BDict.builder().put("m", m.build());
        if (client != null) {
            d.put("v", client);
        }
        if (requestQueue != 0) {
            d.put("reqq", requestQueue);
        }
        if (yourIp != null) {
            d.put("yourip", yourIp.getAddress());
        }
        if (listenPort != 0) {
            d.put("p", listenPort);
        }
        if (metadataSize != 0) {
            d.put("metadata_size", metadataSize);
        }
        if (uploadOnly) {
            d.put("upload_only", 1);
        }
        if (completeAgo != NOT_SENT) {
            d.put("complete_ago", completeAgo);
        }
        return BEncoder.encode(d.build());
    }

    /** Decodes the payload of an extended message with id {@link #ID}; {@code payload}'s position is unchanged. */
    public static ExtendedHandshake decode(ByteBuffer payload) {
        String what = "extended handshake";
        BDict d = BencodedPayload.decode(payload, what).dict();

        Map<String, Integer> extensions = new LinkedHashMap<>();
        if (d.get("m") instanceof BDict m) {
            for (int i = 0; i < m.size() && extensions.size() < MAX_EXTENSIONS; i++) {
                if (m.valueAt(i) instanceof BInt id && id.value() >= 0 && id.value() <= 255 && !m.keyAt(i).isEmpty()) {
                    extensions.put(BencodedPayload.keyText(m.keyAt(i)), (int) id.value());
                }
            }
        }
        String client = d.get("v") instanceof BBytes v ? printable(v.asString()) : null;
        Long reqq = BencodedPayload.optionalInt(d, "reqq");
        int requestQueue = reqq == null ? 0 : (int) Math.clamp(reqq, MIN_REQUEST_QUEUE, MAX_REQUEST_QUEUE);
        InetAddress yourIp = d.get("yourip") instanceof BBytes ip ? address(ip) : null;
        Long p = BencodedPayload.optionalInt(d, "p");
        int listenPort = p != null && p > 0 && p <= 0xFFFF ? p.intValue() : 0;
        Long size = BencodedPayload.optionalInt(d, "metadata_size");
        if (size != null && (size < 0 || size > MetadataMessage.MAX_METADATA_SIZE)) {
            throw new WireException(what + ": metadata_size " + size + " outside 0.." + MetadataMessage.MAX_METADATA_SIZE);
        }
        Long uploadOnly = BencodedPayload.optionalInt(d, "upload_only");
        Long ago = BencodedPayload.optionalInt(d, "complete_ago");
        return new ExtendedHandshake(extensions, client, requestQueue, yourIp, listenPort,
                size == null ? 0 : size.intValue(), uploadOnly != null && uploadOnly != 0,
                ago == null || ago < 0 ? NOT_SENT : ago);
    }

    /**
     * At most {@value #MAX_CLIENT_LENGTH} code points, control and format characters (including
     * bidirectional overrides that could disguise the name in logs and the UI) replaced by '?'.
     */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < s.length() && count < MAX_CLIENT_LENGTH; count++) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(isPrintable(cp) ? cp : '?');
        }
        return out.toString();
    }

    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> cp != 0xFFFD;
        };
    }

    /** BEP 10: {@code yourip} is 4 (IPv4) or 16 (IPv6) bytes; anything else is ignored. */
    private static InetAddress address(BBytes ip) {
        if (ip.length() != 4 && ip.length() != 16) {
            return null;
        }
        try {
            return InetAddress.getByAddress(ip.asBytes());
        } catch (UnknownHostException e) {
            return null; // unreachable: the length is checked above
        }
    }
}
