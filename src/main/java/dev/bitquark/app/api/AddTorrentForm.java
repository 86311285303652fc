package dev.bitquark.app.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The form of {@code POST /api/v1/torrents} as {@code multipart/form-data}, for the OpenAPI document
 * only: {@link TorrentAddResource#addForm} reads the parts itself (the file part is size-checked
 * before it is read, and qBittorrent's part name {@code torrents} is taken too).
 */
@Schema(description = "A .torrent upload with the add options as fields")
public record AddTorrentForm(
        @Schema(required = true, format = "binary", description = "The .torrent file (part 'torrent' or 'torrents')")
        String torrent,
        String outputFolder,
        Boolean paused,
        Boolean sequential,
        Long downloadLimit,
        Long uploadLimit,
        Integer maxConnections,
        Boolean listOnly,
        @Schema(description = "File priorities as JSON: [{\"index\":0,\"priority\":\"skip\"}]") String files) {
}
