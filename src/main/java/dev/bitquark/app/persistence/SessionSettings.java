package dev.bitquark.app.persistence;

/** Session-wide settings changed at run time and kept across restarts. Rates in bytes/s, 0 = unlimited. */
public record SessionSettings(long downloadLimit, long uploadLimit) {
    public static final SessionSettings DEFAULTS = new SessionSettings(0, 0);
}
