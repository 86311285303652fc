package dev.bitquark.app.api;

import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type of a torrent's file, from its extension (files inside a torrent carry no type of their own),
 * and whether a player can play it (the playlist lists only those). Unknown extensions are
 * {@code application/octet-stream}. Stateless.
 */
public final class MediaTypes {
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("webm", "video/webm"),
            Map.entry("avi", "video/x-msvideo"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("wmv", "video/x-ms-wmv"),
            Map.entry("flv", "video/x-flv"),
            Map.entry("mpg", "video/mpeg"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("m2ts", "video/mp2t"),
            Map.entry("ogv", "video/ogg"),
            Map.entry("3gp", "video/3gpp"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("aac", "audio/aac"),
            Map.entry("wav", "audio/wav"),
            Map.entry("wma", "audio/x-ms-wma"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("nfo", "text/plain; charset=utf-8"),
            Map.entry("srt", "text/plain; charset=utf-8"),
            Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("epub", "application/epub+zip"),
            Map.entry("zip", "application/zip"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"));

    private MediaTypes() {
    }

    /** The type for a file name or path; {@value #DEFAULT} if the extension is unknown or missing. */
    public static String of(String fileName) {
        int slash = fileName.lastIndexOf('/');
        String name = fileName.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }

    /** Audio or video: worth a line in a playlist. */
    public static boolean isMedia(String fileName) {
        String type = of(fileName);
        return type.startsWith("video/") || type.startsWith("audio/");
    }
}
