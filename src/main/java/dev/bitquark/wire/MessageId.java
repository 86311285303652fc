package dev.bitquark.wire;

/**
 * Message ids of the peer wire protocol: the byte after the 4-byte length prefix. Plain int
 * constants so the decoder can switch on them without boxing. Stateless and thread-safe.
 */
public final class MessageId {
    // BEP 3
    public static final int CHOKE = 0;
    public static final int UNCHOKE = 1;
    public static final int INTERESTED = 2;
    public static final int NOT_INTERESTED = 3;
    public static final int HAVE = 4;
    public static final int BITFIELD = 5;
    public static final int REQUEST = 6;
    public static final int PIECE = 7;
    public static final int CANCEL = 8;
    /** BEP 5: the DHT port of the peer. */
    public static final int PORT = 9;
    // BEP 6 fast extension
    public static final int SUGGEST = 13;
    public static final int HAVE_ALL = 14;
    public static final int HAVE_NONE = 15;
    public static final int REJECT = 16;
    public static final int ALLOWED_FAST = 17;
    /** BEP 10: extension protocol; the payload starts with the extended message id. */
    public static final int EXTENDED = 20;

    private MessageId() {
    }

    /** The lower-case protocol name of {@code id} as used in error messages, e.g. {@code not_interested}. */
    public static String name(int id) {
        return switch (id) {
            case CHOKE -> "choke";
            case UNCHOKE -> "unchoke";
            case INTERESTED -> "interested";
            case NOT_INTERESTED -> "not_interested";
            case HAVE -> "have";
            case BITFIELD -> "bitfield";
            case REQUEST -> "request";
            case PIECE -> "piece";
            case CANCEL -> "cancel";
            case PORT -> "port";
            case SUGGEST -> "suggest";
            case HAVE_ALL -> "have_all";
            case HAVE_NONE -> "have_none";
            case REJECT -> "reject";
            case ALLOWED_FAST -> "allowed_fast";
            case EXTENDED -> "extended";
            default -> "unknown(" + id + ")";
        };
    }

    /** True if the decoder understands {@code id}; others are skipped (BEP 3: ignore unknown messages). */
    public static boolean isKnown(int id) {
        return (id >= CHOKE && id <= PORT) || (id >= SUGGEST && id <= ALLOWED_FAST) || id == EXTENDED;
    }
}
