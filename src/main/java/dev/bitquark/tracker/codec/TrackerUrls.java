package dev.bitquark.tracker.codec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * URL helpers shared by the HTTP codecs: validation of announce URLs taken from torrents (remote
 * input) and RFC 3986 percent-encoding of binary parameters. Stateless and thread-safe.
 */
public final class TrackerUrls {
    /** Longest announce URL we accept; real ones are far shorter, and it bounds every string we build. */
    public static final int MAX_URL_LENGTH = 2048;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TrackerUrls() {
    }

    /**
     * Percent-encodes raw bytes: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay as
     * they are, every other byte becomes {@code %XX}. BEP 3: info_hash and peer_id are sent this way
     * as 20 raw bytes, not as hex.
     */
    public static String percentEncode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /** Percent-encodes the UTF-8 bytes of {@code text}. */
    public static String percentEncode(String text) {
        return percentEncode(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks that {@code url} is an absolute http(s) URL with a host and returns it without its
     * fragment (fragments are never sent, and parameters must go before them).
     */
    public static String requireHttp(String url) throws TrackerException {
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL,
                    "not an http(s) tracker URL: " + TrackerText.clean(url));
        }
        if (uri.getHost() == null) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL,
                    "tracker URL has no host: " + TrackerText.clean(url));
        }
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** Parses and length-checks a tracker URL. */
    public static URI parse(String url) throws TrackerException {
        if (url == null || url.isEmpty()) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL, "empty tracker URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL,
                    "tracker URL of " + url.length() + " characters exceeds " + MAX_URL_LENGTH);
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new TrackerException(TrackerException.Kind.INVALID_URL,
                    "invalid tracker URL at index " + e.getIndex() + ": " + TrackerText.clean(url), e);
        }
    }

    /** Appends {@code params} (already encoded, without a leading separator) to {@code base}. */
    public static String appendQuery(String base, String params) {
        char last = base.charAt(base.length() - 1);
        if (base.indexOf('?') < 0) {
            return base + '?' + params;
        }
        // An existing query (a private tracker's passkey) stays; ours follows it.
        return (last == '?' || last == '&') ? base + params : base + '&' + params;
    }
}
