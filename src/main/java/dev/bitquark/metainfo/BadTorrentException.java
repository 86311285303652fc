package dev.bitquark.metainfo;

/**
 * A torrent file or info dictionary that cannot be used. The message is {@code "<field>: <problem>"},
 * e.g. {@code "info.piece length: must be positive, got 0"}; {@link #field()} is the field part.
 * Checked: callers decide whether a bad torrent is a user error (add-torrent API) or a peer's
 * fault (BEP 9 metadata exchange). Immutable.
 */
public final class BadTorrentException extends Exception {
    private final String field;

    public BadTorrentException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public BadTorrentException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    /** Dotted path of the offending field, e.g. {@code info.files[3].path}, or {@code torrent}. */
    public String field() {
        return field;
    }
}
