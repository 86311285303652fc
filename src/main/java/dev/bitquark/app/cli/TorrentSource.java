package dev.bitquark.app.cli;

import dev.bitquark.metainfo.BadMagnetException;
import dev.bitquark.metainfo.BadTorrentException;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Turns what the user typed (a path, an http(s) URL, a magnet URI) into a parsed torrent. */
final class TorrentSource {
    /** Largest .torrent we read: bounds memory before parsing (BEP 3 metainfo is small; 16 MiB is generous). */
    static final int MAX_TORRENT_BYTES = 16 << 20;

    /** A source that cannot be used, with a message for the user. */
    static final class SourceException extends Exception {
        SourceException(String message) {
            super(message);
        }
    }

    private TorrentSource() {
    }

    /** What the user named: a parsed torrent, or a magnet link whose metadata the engine fetches (BEP 9). */
    record Loaded(Metainfo metainfo, Magnet magnet) {
        String name() {
            return metainfo != null ? metainfo.name() : magnet.displayName().orElse(magnet.infoHash().toHex());
        }
    }

    static Loaded load(String source) throws SourceException {
        byte[] bytes;
        if (source.regionMatches(true, 0, "magnet:", 0, 7)) {
            try {
                return new Loaded(null, Magnet.parse(source));
            } catch (BadMagnetException e) {
                throw new SourceException("bad magnet link: " + e.getMessage());
            }
        } else if (source.regionMatches(true, 0, "http://", 0, 7) || source.regionMatches(true, 0, "https://", 0, 8)) {
            bytes = fetch(source);
        } else {
            bytes = read(Path.of(source));
        }
        try {
            return new Loaded(Metainfo.parse(bytes), null);
        } catch (BadTorrentException e) {
            throw new SourceException("bad torrent " + source + ": " + e.getMessage());
        }
    }

    private static byte[] read(Path file) throws SourceException {
        try {
            long size = Files.size(file);
            if (size > MAX_TORRENT_BYTES) {
                throw new SourceException(file + " is " + size + " bytes; a .torrent may be at most " + MAX_TORRENT_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SourceException("no such file: " + file);
        } catch (IOException e) {
            throw new SourceException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What went wrong with a fetch, in words (the JDK's messages are often null: "connection refused" has none). */
    static String describe(IOException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (detail == null || detail.contains("refused") ? "" : " (" + detail + ")");
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within 15 s";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within 30 s";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host" + (detail == null ? "" : " " + detail);
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failed" + (detail == null ? "" : ": " + detail);
        }
        if (e.getCause() instanceof IOException cause && cause != e && detail == null) {
            return describe(cause);
        }
        return detail != null ? detail : "failed (" + e.getClass().getSimpleName() + ")";
    }

    private static byte[] fetch(String url) throws SourceException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "bitquark/0.1").GET().build();
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = res.body()) {
                if (res.statusCode() != 200) {
                    throw new SourceException(url + ": HTTP " + res.statusCode());
                }
                byte[] body = in.readNBytes(MAX_TORRENT_BYTES + 1);
                if (body.length > MAX_TORRENT_BYTES) {
                    throw new SourceException(url + ": more than " + MAX_TORRENT_BYTES + " bytes; not a .torrent");
                }
                return body;
            }
        } catch (IllegalArgumentException e) {
            throw new SourceException("bad URL " + url + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SourceException("cannot fetch " + url + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while fetching " + url);
        }
    }
}
