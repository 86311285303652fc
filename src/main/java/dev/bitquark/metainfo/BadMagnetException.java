package dev.bitquark.metainfo;

/**
 * A magnet link that cannot be used. The message is {@code "<part>: <problem>"}, e.g.
 * {@code "xt: not a BitTorrent info-hash"}; {@link #part()} names the URI parameter. Unchecked
 * (a kind of {@link IllegalArgumentException}): magnets come from users, not peers. Immutable.
 */
public final class BadMagnetException extends IllegalArgumentException {
    private final String part;

    public BadMagnetException(String part, String problem) {
        super(part + ": " + problem);
        this.part = part;
    }

    /** The offending URI parameter ({@code xt}, {@code so}, ...) or {@code uri}. */
    public String part() {
        return part;
    }
}
