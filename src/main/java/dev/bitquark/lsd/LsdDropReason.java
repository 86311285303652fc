package dev.bitquark.lsd;

/** Why a received LSD packet was dropped, counted in {@link LsdStats#dropped()}. */
public enum LsdDropReason {
    /** Longer than {@link LsdMessage#MAX_PACKET} bytes. */
    TOO_LARGE,
    /** A byte that is neither printable ASCII nor tab, CR or LF. */
    NOT_TEXT,
    /** The request line is not {@code BT-SEARCH * HTTP/1.1} (method compared without case). */
    NOT_BT_SEARCH,
    /** More than {@link LsdMessage#MAX_LINES} lines before the blank line. */
    TOO_MANY_LINES,
    /** A header line without a colon, or with an empty name. */
    BAD_HEADER,
    /** No blank line ends the headers (BEP 14 messages end with one; libtorrent needs it too). */
    INCOMPLETE,
    /** Port missing, repeated, not a decimal number, or outside 1..65535. */
    BAD_PORT,
    /** An Infohash value that is not 40 hex digits, or is all zeros. */
    BAD_INFOHASH,
    /** No Infohash header at all. */
    NO_INFOHASH,
    /** More than {@link LsdMessage#MAX_INFO_HASHES} distinct info-hashes. */
    TOO_MANY_INFOHASHES,
    /** Not from an IPv4 address. */
    NOT_IPV4,
    /** From outside the subnets of the interfaces LSD listens on (libtorrent drops these too). */
    NOT_LOCAL,
    /** Our own announce, looped back by the group (our cookie). */
    OWN_MESSAGE,
    /** Over {@link LsdSettings#maxReceivedPerSecond()}: dropped before decoding. */
    RATE_LIMITED
}
