package dev.bitquark.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bitquark.metainfo.FileEntry;
import dev.bitquark.metainfo.Magnet;
import dev.bitquark.metainfo.Metainfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a torrent holds, for the add dialog ({@code ?listOnly=true}): nothing is added. Files are
 * listed with their index (the one file priorities use) and their path inside the torrent ({@code /}
 * separated, from which a client draws the folder tree); BEP 47 padding files are left out.
 * Trackers are the announce URLs, tier by tier, without duplicates. A magnet link has no metadata
 * yet ({@code metadata} false): its name is the link's {@code dn} (or null), sizes are 0 and the file
 * list is empty until the metadata arrives from peers (BEP 9). Immutable.
 */
@Schema(description = "What a torrent holds, before it is added (listOnly)")
public record TorrentPreview(
        String infoHash,
        @Schema(nullable = true) String name,
        @Schema(description = "false for a magnet link: no files or sizes before its metadata arrives") boolean metadata,
        long totalSize,
        int pieceLength,
        int pieceCount,
        @JsonProperty("private") boolean isPrivate,
        List<File> files,
        List<String> trackers) {

    /** One file: {@code path} is relative to the torrent's folder (the name, for a single file). */
    @Schema(name = "PreviewFile")
    public record File(int index, String path, long size) {
    }

    static TorrentPreview of(Metainfo meta) {
        List<File> files = new ArrayList<>(meta.files().size());
        for (FileEntry f : meta.files()) {
            if (!f.padding()) {
                files.add(new File(f.index(), f.displayPath(), f.length()));
            }
        }
        Set<String> trackers = new LinkedHashSet<>();
        meta.announceTiers().forEach(trackers::addAll);
        return new TorrentPreview(meta.infoHash().toHex(), meta.name(), true, meta.totalLength(), meta.pieceLength(),
                meta.pieceCount(), meta.isPrivate(), files, List.copyOf(trackers));
    }

    /** A magnet link's preview: its info-hash, name and trackers; the rest comes with the metadata. */
    static TorrentPreview of(Magnet magnet) {
        return new TorrentPreview(magnet.infoHash().toHex(), magnet.displayName().orElse(null), false, 0, 0, 0, false,
                List.of(), List.copyOf(new LinkedHashSet<>(magnet.trackers())));
    }
}
