package dev.bitquark.app.api;

import dev.bitquark.engine.FilePriority;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Metainfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * An extended M3U playlist ({@code #EXTM3U}, UTF-8) of a torrent's audio and video files, in path order, each an
 * absolute URL of its stream endpoint, so a player (VLC, mpv) can open the playlist URL alone. Skipped and padding
 * files are left out: their bytes are not downloaded. Stateless.
 */
public final class Playlist {
    /** The playlist's Content-Type: the plain M3U type players treat as a list of URLs (not an HLS stream). */
    public static final String TYPE = "audio/x-mpegurl; charset=utf-8";

    private Playlist() {
    }

    /**
     * @param base       scheme, host and port the client used, e.g. {@code http://nas.local:3030}
     * @param token      API token to repeat in every URL (the playlist itself was opened with it), or null
     * @param priorities one per file
     */
    public static String of(Metainfo meta, List<FilePriority> priorities, String base, String token) {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String prefix = base + "/api/v1/torrents/" + meta.infoHash().toHex() + "/files/";
        StringBuilder sb = new StringBuilder("#EXTM3U\n");
        meta.files().stream()
                .filter(f -> !f.padding() && priorities.get(f.index()) != FilePriority.SKIP
                        && MediaTypes.isMedia(f.displayPath()))
                .sorted(Comparator.comparing(FileEntry::displayPath))
                .forEach(f -> sb.append("#EXTINF:-1,").append(title(f)).append('\n')
                        .append(prefix).append(f.index()).append("/stream").append(query).append('\n'));
        return sb.toString();
    }

    /** The base URL of a request: {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
    public static String base(String scheme, String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        boolean standard = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + h + (standard ? "" : ":" + port);
    }

    /** The file's path as the entry's title; line breaks would end the entry, so control characters go. */
    private static String title(FileEntry f) {
        StringBuilder sb = new StringBuilder();
        f.displayPath().codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString();
    }
}
