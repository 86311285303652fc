package dev.bitquark.app.api;

import dev.bitquark.engine.FileStats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One file of a torrent as the API shows it ({@code GET /api/v1/torrents/{id}/files}).
 *
 * @param path path inside the torrent ({@code dir/file.ext}); the name for a single-file torrent
 * @param verifiedBytes bytes of the file inside verified pieces
 * @param progress {@code verifiedBytes / size} (1 for an empty file)
 * @param padding a BEP 47 padding file (not shown to users, never written)
 */
@Schema(description = "A file of a torrent")
public record FileDto(
        int index,
        String path,
        long size,
        long verifiedBytes,
        double progress,
        @Schema(enumeration = {"SKIP", "LOW", "NORMAL", "HIGH"}) String priority,
        boolean padding) {

    public static FileDto of(FileStats f) {
        return new FileDto(f.index(), f.path(), f.size(), f.verifiedBytes(), f.progress(), f.priority().name(),
                f.padding());
    }
}
